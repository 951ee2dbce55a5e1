/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * boilerplate.c - tell a document's main text from the page around it
 * (boilerplate.h).
 *
 * A news page, rendered to text, is a long run of prose (the article)
 * inside a frame of short lines: menus, link lists, bylines, captions,
 * share buttons, related headlines, footers, and sometimes a comment
 * section that is prose too.  jusText classifies each paragraph by its
 * length and stop-word density and lets short ones follow their
 * neighbours; on the article-extraction-benchmark's text dumps that stops
 * at about 0.78 F1 (measured with the same features, bench/eval.sh),
 * because one good-looking paragraph in a footer is kept and one short
 * article paragraph between captions is lost.  Here the decision is made
 * for the document as a whole:
 *
 *  1. Features per paragraph (boilerplate_measure): words, stop words of
 *     every language, whether it ends like a sentence, starts with a list
 *     marker, is a "[placeholder]", starts with a boilerplate phrase or
 *     is a cookie or rights notice, is
 *     a short comment-section heading, or ends in a photo credit (a
 *     caption: "... (Foto: dpa)", "Titelbild: ..."); CJK script.
 *  2. The document's language is the stop list with the most hits
 *     (--lang forces one).  When under LANG_MIN_SHARE of all words are on
 *     it, no list fits (Korean, Japanese, Chinese, Turkish...) and prose
 *     is judged by its shape alone.
 *  3. A paragraph is prose when it has at least min_words words, ends
 *     like a sentence (or has LONG_WORDS words), is not a list item, a
 *     phrase, a placeholder, a caption with a credit, a repeat within the
 *     document or a template, has a stop-word density of at least
 *     min_stop (when a list fits),
 *     and (HTML) is not mostly link text nor in the page's chrome.
 *  4. Score: prose counts its words; anything else costs
 *     max(bad_min, words * bad_weight); a sentence-shaped list item costs
 *     nothing, and in HTML a sentence-shaped <li> counts ITEM_WEIGHT of
 *     its words (a recipe's steps, a how-to).  The main text is the run
 *     of paragraphs with the largest total score (the maximum-sum
 *     segment, as in Finn's Body Text Extraction, on paragraphs instead
 *     of tokens).
 *     A page whose only running text is in captions (a slideshow) is
 *     scored again with its sentence-shaped captions as prose.
 *  5. A comment-section heading inside that run, after COMMENTS_AFTER
 *     words of prose, ends the article: the search is repeated on the
 *     part before it.  It does when what follows is no longer than the
 *     article (a forum's replies are), or when it counts the comments
 *     ("167 comments") and what follows it up to the next such count is
 *     at least as long as the article: comments that outrun it.  A
 *     line shaped like code or leading into a list is no such heading
 *     (not_heading(): documentation names responses and comments), nor
 *     one followed by COMMENT_SECTIONS sections of the article (HTML).
 *  6. Inside the run a non-prose paragraph is kept when it leads into
 *     text (the next paragraph is prose or a list item: a subheading, a
 *     lead-in) and is not a repeat; list items are kept; phrases and
 *     placeholders never are.  Outside the run nothing is kept.
 *  7. HTML (html.c gives each block a role, link density and place among
 *     the page's grouping elements, "boxes"): chrome (nav, footer, share
 *     bars...) is removed, unless trusting it would leave under
 *     CHROME_MIN_TEXT words of text; even then a chrome element holding
 *     under CHROME_SMALL of the text is removed (a newsletter box inside
 *     the wrapper that holds the article), and one holding CHROME_BIG
 *     of it or more is not trusted (a wrapper named by mistake) unless
 *     it is chrome by its tag (but <header>), a landmark role or hiding
 *     (a footer of disclaimers longer than the article); mostly-link
 *     blocks are link lists;
 *     <li> is a list item whatever its length, captions are never text.
 *     The main box is chosen as Readability chooses its candidate: every
 *     prose paragraph gives its words to its innermost box and half to
 *     that box's parent, boxes named as content count CONTENT_BONUS
 *     more; then, of that box and its ancestors, the one whose
 *     paragraphs score most (step 4's scores) wins, which brings in the
 *     other columns of one article but not the teasers beside it.  What
 *     is kept is every line of the main box no rule removed, and the
 *     prose of the main run.  In the main box a mostly-link line of
 *     LINK_SUMMARY_WORDS or more shaped like a sentence (a teaser's
 *     summary) is not a link list, nor is a heading or list item that
 *     is a link between the article's paragraphs, leading into text
 *     and not after another link line (a section's or a product's
 *     title: WCXB 0.8633 -> 0.8651, AEB 0.9673 -> 0.9675,
 *     trafilatura-eval the same; without the two neighbour tests WCXB
 *     0.8660 but AEB 0.9652, trafilatura-eval -0.0012: teaser headings
 *     in the body); a line no rule removed that is not
 *     link text weighs nothing against its box (neutral).  A teaser's
 *     summary (a sentence-shaped line under a linked heading, the two
 *     alone in a small box: a card) scores nothing, so that related
 *     posts under an article draw neither the main run nor the main
 *     box over them (TEASER_WORDS).  The main box's tail (after the
 *     article's last kept prose or list item and the lines kept right
 *     after it, from the first line removed or outside on: past the
 *     share bar, the author box, the related strip) keeps a line that is
 *     neither prose nor a list item only when it leads into text, as
 *     outside a box: "Kategorie: News", "Kommentare geschlossen", a
 *     date, "Wird geladen"; the sign-off right under the last paragraph
 *     stays ("x Franzi", "Euer ...").  Dev pages, HTML: trafilatura-eval
 *     0.9193 -> 0.9211 (P 0.9043 -> 0.9084, R 0.9349 -> 0.9342), AEB
 *     0.9714 -> 0.9717, WCXB 0.8838 -> 0.8840 (articles 0.9510 ->
 *     0.9511, listings +0.0010, products +0.0016); no site fold of a set
 *     or type lower by more than 0.0006.  Ending the article at its last
 *     prose only (not its list items) gave trafilatura-eval 0.9217 but
 *     cut a recipe's and a checklist's lines after their intro; cutting
 *     the whole tail from the last prose on (the sign-offs too) gave
 *     trafilatura-eval 0.9198, AEB 0.9672.
 *  8. A forum thread or Q&A page (html.c) is its posts: no comment heading
 *     ends it (step 5), and choosing among the main box's ancestors the
 *     lines between posts cost THREAD_COST of their usual cost.
 *  9. When what is kept is empty or tiny beside the page's sentences
 *     (FALLBACK_WORDS, FALLBACK_SHARE), the page is classified again with
 *     the link and chrome rules off, as Readability retries with its
 *     filters off, and that is taken when it keeps more.  A text page
 *     (no links, no boxes) that keeps as little is no article: its
 *     lines left out only for not being the article are kept
 *     (keep_lines()).
 * 10. HTML: the page's list (html.c: four or more items of one kind)
 *     is kept, link lines and class-named parts and all, when it holds
 *     at least as many words as what was kept, the prose kept outside
 *     it is at most LIST_PROSE words, and it is not an article's own
 *     paragraphs (the text holds under LIST_HELD of its words as
 *     prose): a listing, a shop's cards, a product's specifications.
 * 11. HTML: a kept heading that is not prose and heads nothing kept
 *     (what follows it up to the next heading or the page's end was all
 *     removed: "Weiterführende Informationen" over a link list, a
 *     related strip's title) goes, unless it stands right over a kept
 *     heading that heads something (a section over its subsection) or is
 *     a title of the page's list (step 10: a shop's product names over
 *     their removed prices); a page whose text is all headings keeps
 *     them.  Dev pages, HTML: trafilatura-eval 0.9166 -> 0.9187 (P 0.899
 *     -> 0.903, boilerplate snippets left in 155 -> 148, no page lower),
 *     AEB 0.9710 -> 0.9711, WCXB 0.8837 the same (73 pages up, 50 down:
 *     service pages' card titles over a removed button, services
 *     -0.0005); no site fold of any set lower by more than 0.001.
 *     Without the list exemption a shop's grid lost its titles (WCXB
 *     collections -0.0035); keeping a heading over fewer than 5 removed
 *     words (a button) gave services back 0.0003 and traf 0.0003.
 *  (clean.c) In HTML a short line repeated inside the page (REPEAT_WORDS)
 *     is its structure, not a repeat.
 *
 * How the constants were chosen: first on the dev halves of the
 * article-extraction-benchmark (text dumps and HTML) and of
 * trafilatura-eval, then on WCXB's dev pages of seven types (make eval,
 * bench/eval.py); each says what was measured around it.  Every one a
 * page type could pull is a tunable of bench/eval.py (boilerplate_tune()),
 * whose cross-validation by site (5 folds of hosts) chooses each from the
 * folds without the page's site and reports the held-out figure beside
 * the built-in one: a constant fitted to these pages shows as a gap.
 * The presets move each knob one step towards keeping more or less.
 *
 * Known weaknesses: an article split by a long block of product boxes or
 * teasers loses the smaller part; a comment section without a heading is
 * taken for the article when it is longer; a page of several articles
 * keeps only the largest; a listing keeps its items only when they are
 * siblings of one kind (step 10; WCXB listings 0.566 -> 0.638 with it,
 * the w3m dump with nothing removed 0.567), not a grid of several
 * lists or items rendered by script; a forum page whose ground truth is
 * its opening post alone loses precision to its replies.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "boilerplate.h"
#include "fingerprint.h"
#include "stopword_table.h"
#include "utf8.h"

/* Japanese has no word list: its text has no spaces between words, so
 * a word list has nothing to match.  Its function words (particles,
 * auxiliary verbs, inflections) are written in hiragana, and the share
 * of hiragana among the CJK characters stands in for the stop-word
 * share: hits[LANG_JA] counts hiragana / 3, as words count CJK
 * characters / 3.  Running Japanese text is about half hiragana (0.51
 * and 0.57 of the CJK characters in the ground truth of AEB's two
 * Japanese dev pages; their lines of 20+ such characters 0.18 at least,
 * above min_stop); menus, titles and credits, in kanji and katakana,
 * have little or none; Chinese none, so Chinese never takes this list. */
#define LANG_JA STOPWORD_NLANG
#if STOPWORD_NLANG + 1 != BOILERPLATE_NLANG
#error "stopword_table.h and BOILERPLATE_NLANG disagree"
#endif

/* Under 10% of a document's words on its best stop list: no list fits
 * (English text has 40-50% stop words, a Korean page with an English menu
 * 0-3%; a Polish page had 5% on the English list before Polish had its
 * own: "a", "i", "to", "do"). */
#define LANG_MIN_SHARE 0.10
/* A line of 25 words is running text even without final punctuation
 * (w3m cuts some paragraphs at a link). */
#define LONG_WORDS 25
/* A comment heading ends the article only after 40 words of prose:
 * earlier it is a link in the menu ("Comments"). */
#define COMMENTS_AFTER 40
/* HTML: when what is kept is under 50 words and under 10% of the words
 * of the page's sentences, the page is classified again without the link
 * and chrome rules (boilerplate_classify()), and that is taken when it
 * keeps more.  On the dev pages: 4 of WCXB's 12 empty HTML outputs get
 * their text, WCXB listings 0.516 -> 0.558, all types 0.852 -> 0.853,
 * AEB and trafilatura-eval the same; both constants are tunables of
 * bench/eval.py (fallback_words, fallback_share).
 * Text (keep_lines()): under both (the share of all the page's words),
 * the page's lines are kept.  Dev pages' text dumps: WCXB listings
 * 0.527 -> 0.573 (the w3m dump scores 0.567), collections 0.594 ->
 * 0.632, products 0.516 -> 0.564, documentation 0.818 -> 0.823, forums
 * 0.648 -> 0.652, all types 0.803 -> 0.809; trafilatura-eval 0.839 ->
 * 0.840, AEB 0.907 the same.  Without the share (under 50 words alone:
 * listings 0.578) a short record kept its menu lines too; at 25 words
 * WCXB gained 0.002 only, at 100 AEB lost 0.013 (both without it). */
#define FALLBACK_WORDS 50
#define FALLBACK_SHARE 0.1
/* A forum thread or Q&A page (html.c: its URL or schema.org type says
 * so) is its posts: no comment heading ends its text, and when the main
 * box is chosen among a box's ancestors the lines no rule keeps (a
 * poster's name, a date, "Reply") cost THREAD_COST of what they cost
 * elsewhere, so that the box holding every post wins over the box of
 * the opening post.  WCXB's 95 dev forum pages: F1 0.762 with neither,
 * 0.776 with the first, 0.785 with both at 0.5 (0.783 at 0.25, where
 * the wrapper with the forum's sidebar comes in); a tunable of
 * bench/eval.py (thread_cost). */
#define THREAD_COST 0.5f
/* HTML: a line of up to 12 words that repeats inside its page is kept
 * (boilerplate_repeat_words(), clean.c): table cells, a recipe's or a
 * plan's lines, an FAQ's questions, "Yes"/"No" in a comparison.  Dev
 * pages, HTML: WCXB 0.856 -> 0.862 (articles 0.934 -> 0.941,
 * documentation 0.863 -> 0.883), AEB 0.964 -> 0.967, trafilatura-eval
 * the same; on the text dumps it changed nothing (WCXB R +0.001), so text
 * keeps removing every repeat.  A tunable of bench/eval.py
 * (repeat_words; 0 turns it off). */
#define REPEAT_WORDS 12
/* Glued titles (glued_titles()): lines of 20 words or more with 3 titles
 * cut short by an ellipsis, and capitals starting 40% of their words
 * (German prose, whose nouns are capitalized, reaches 0.5 on 20 of the
 * 687 trafilatura-eval lines of 40 words that hold its snippets). */
#define TITLES_MIN_WORDS 20
#define TITLES_MIN_CUTS 3
#define TITLES_CAPITALS 0.4
/* A comment heading is at most 12 words ("34 responses to <title>"). */
#define COMMENTS_MAX_WORDS 12
/* ... and cuts the article only when what follows it is at most as long
 * as the article (comment_heading()).  On WCXB's dev pages the cut at
 * any mention removed 46k of their ground truth's 4-grams for 8.6k of
 * boilerplate (forum threads, subheadings); with this rule WCXB gains
 * 0.010 F1 (forums 0.621 -> 0.704), AEB's text dumps lose 0.009 (0.906
 * -> 0.897: comment sections longer than their article), HTML 0.
 * COMMENT_HEADING_WORDS at 5 (a heading is short) cost AEB text 0.005
 * more and gave WCXB nothing.  Both are in bench/eval.py's TUNABLES,
 * chosen by cross-validation by site.
 * A heading that counts the comments (counted_comments(): "167
 * comments", "34 responses to ...", not "0 comments", "N replies" nor a
 * count inside a byline) cuts even a longer comment section when the
 * text up to the next count outruns the article (a listing's teasers
 * each count theirs and are shorter).  Dev pages, text dumps: AEB 0.897
 * -> 0.906 (the two pages whose comments outran their article), WCXB
 * 0.796 -> 0.797, trafilatura-eval 0.837 -> 0.837 (-0.0005: one page
 * whose annotated snippets are in its comment section); HTML the same
 * on all three. */
#define COMMENT_HEADING_WORDS COMMENTS_MAX_WORDS
#define COMMENT_SHARE 1.0
/* A comment heading followed by two sections of the article (HTML: a
 * heading leading into prose) is one of the article's own.  Dev pages:
 * WCXB documentation 0.901 -> 0.903 (a Flask guide's "About Responses",
 * the kernel's patch guide: recall 0.68 -> 0.94, 0.80 -> 0.88); no other
 * page changed.  At one section, three trafilatura-eval pages and two of
 * WCXB kept real comment sections (precision 0.96 -> 0.85 on one). */
#define COMMENT_SECTIONS 2
/* A heading ending in a colon has at most 4 words ("Leave a comment:");
 * not_heading() with it, on the dev pages: WCXB documentation 0.896 ->
 * 0.901 (4 API pages whose code or text mentioned responses or comments
 * lost the rest of their text), a trafilatura-eval page ("comment =
 * Frohike Backups" in a config file) kept its second half; no other
 * page's output changed, HTML or text. */
#define COLON_HEADING_WORDS 4
/* A phrase matches with up to 10 more words after it ("Photo: AP"). */
#define PHRASE_SLACK 10
/* A line with a list marker of 20 words or more is a paragraph that
 * happens to be in a list (HTML <li> stays an item: there the main box
 * brings back the lists of the article). */
#define ITEM_MAX_WORDS 20
/* HTML: a sentence-shaped <li> counts half its words towards the main
 * text.  On trafilatura-eval's dev half 0 gives F1 0.898, 0.25 0.900,
 * 0.5 0.902, 1 0.901; AEB HTML moves 0.001.  Not for text dumps: there
 * a marker line is as often a teaser, and 0.5 cost 0.011 F1 on AEB. */
#define ITEM_WEIGHT 0.5f
/* HTML: chrome marks that leave under 50 words of running text (two or
 * three sentences) are ignored (chrome_counts).  Measured: 25 loses 0.011
 * F1 on the AEB pages, 100 loses 0.003; trafilatura-eval moves 0.001. */
#define CHROME_MIN_TEXT 50
/* HTML: a chrome element with under 10% of the running text is trusted
 * even then (chrome_sizes).  On trafilatura-eval's dev half: 0.05 F1
 * 0.894, 0.1 0.896, 0.15 0.894, 0.2 0.893, 0.3 0.893 (0.890 without);
 * AEB HTML 0.963-0.966 for all. */
#define CHROME_SMALL 0.1
/* HTML: a chrome element holding half the page's running text or more
 * is not trusted: a wrapper named by mistake ("page1-footer" around the
 * article, a Webflow <header> holding the body), as trafilatura undoes a
 * pruning that removed too much.  On WCXB's dev pages this recovered 27k
 * ground-truth 4-grams (articles +0.016 F1); cross-validated by site
 * (bench/eval.py's TUNABLES).  Only names can mistake: chrome by its tag
 * (<footer>, <nav>, <aside>, <form>...; not <header>, which HTML gives
 * every section), a landmark role or hiding is trusted however large
 * (a footer of disclaimers twice the length of a short article: WCXB
 * 0362, 4911).  HTML dev pages (2026-12-04): WCXB 0.8790 -> 0.8823
 * (articles 0.9490 -> 0.9506, services 0.8178 -> 0.8300, forums 0.7792
 * -> 0.7845, listings 0.6653 -> 0.6704), trafilatura-eval 0.9125 ->
 * 0.9131, AEB the same; 12 pages changed, 3 of them down by at most
 * 0.041; every site fold of the three sets the same or better.  With
 * <header> trusted too, WCXB 0.8811 and a fold -0.0038 (0089: a
 * Webflow post inside <header>). */
#define CHROME_BIG 0.5
/* HTML: the main box is chosen by its text, whatever its size: it was
 * refused when it held 90% of the page's blocks (the page itself), which
 * on the dev pages lost more than it saved (WCXB 0.835 -> 0.839, articles
 * 0.927 -> 0.930, documentation 0.833 -> 0.848, trafilatura-eval 0.902 ->
 * 0.904, AEB the same).  A tunable of bench/eval.py (1.01: never). */
#define BOX_MAX_SHARE 1.01
/* HTML: when boxes are compared, a line that no rule removed and whose
 * share of link text is at most this weighs nothing (neutral, tunable).
 * Measured on the dev pages: WCXB 0.839 -> 0.848 (P 0.879 -> 0.873),
 * articles 0.930 -> 0.933, documentation 0.848 -> 0.860, forums 0.712 ->
 * 0.745, trafilatura-eval 0.904 -> 0.906, AEB and text dumps the same. */
#define NEUTRAL_LINKS 0.2f
/* HTML: a box named as the content ("entry-content", <article>) counts
 * its words half again (1.25 to 2 measured within 0.002 F1). */
#define CONTENT_BONUS 1.5f
/* A lead may be separated from the text by 3 lines of at most 12 words
 * (dateline, byline, caption, credit); on trafilatura-eval this keeps 2
 * more wanted snippets and no unwanted one. */
#define LEAD_GAP 3
#define LEAD_GAP_WORDS 12
/* HTML: a block whose text is more than half link text is navigation
 * (jusText uses 0.2 for "bad"; 0.5 keeps paragraphs with a few links;
 * 0.33 and 0.67 measured within 0.002 F1 on both sets). */
#define LINK_DENSITY_MAX 0.5f
/* ... but in the main box a mostly-link line of this many words that is
 * shaped like a sentence is a summary, and kept (trafilatura tests link
 * density only on short elements).  On the dev pages, HTML: 10 words
 * WCXB 0.852 (listings 0.504 -> 0.516), trafilatura-eval 0.906, AEB
 * 0.963; 15: 0.852 (0.514), 0.907, 0.963; 25: 0.851, 0.907, 0.963.  A
 * tunable of bench/eval.py. */
#define LINK_SUMMARY_WORDS 15
/* ... and a teaser (teasers()): a prose line of this many words or more
 * right under a heading that is a link, in a box of at most
 * TEASER_BLOCKS lines that holds both (a card: the title, a date, the
 * summary, "Read more"), counts nothing towards the main text, as the
 * links of its title count against it.  Related posts under an article
 * are such cards; their summaries, real sentences of 20-60 words, made
 * the main run and the main box reach over them (WCXB 0310, 4524: blog
 * cards after the article).  A product's or a section's linked title
 * over its paragraph in the article's own box is no card (the box holds
 * the article).  HTML dev pages (2026-12-03): WCXB 0.8784 -> 0.8790
 * (articles 0.9481 -> 0.9490), AEB 0.9682 the same, trafilatura-eval
 * 0.9128 -> 0.9125 (one page, whose article is a line: with its teasers
 * gone the fallback keeps the page); each of WCXB's five site folds
 * +0.0000 to +0.0016.  At 15 words (a summary's length for
 * LINK_SUMMARY_WORDS) a service page's feature cards went too (WCXB
 * services 0.8178 -> 0.8162), at 20 a WCXB fold lost 0.0002; boxes of 3
 * lines: articles 0.9484, of 5 the same as 4; half weight instead of
 * none changed no figure; without the box test (any prose under a linked
 * heading) documentation lost 0.004 and services 0.006 (a list of
 * products with linked names).  teaser_words is a tunable of
 * bench/eval.py (0 turns the rule off).  A heading whose links all lead
 * within the page (href="#...": a section's own anchor, as heading
 * plugins write it) titles no teaser: 5 WCXB pages up by 0.002-0.012
 * (documentation 0671, 2854, 0673; articles 0318, 2684), no figure
 * lower (this stop's review found a page's sections all scored 0). */
#define TEASER_WORDS 25
#define TEASER_BLOCKS 4
/* HTML: the page's list (html.c, find_list(): four items or more of
 * one kind, few large) is kept, link lines, class-named parts and all,
 * when it holds at least as many words as the text kept and that text
 * has at most LIST_PROSE words of prose outside it: a listing's items,
 * a product's specifications, where the prose is an intro or a footer's
 * blurb (keep_list()).  Without the bound, WCXB listings gain 0.015
 * more, but a page with a short article and a long list of headlines
 * keeps the list (one AEB page 0.97 -> 0.54).  A tunable of
 * bench/eval.py (list_prose; 0 keeps no list): at 100 first, every
 * fold of the cross-validation by site chose 200 (WCXB 0.873 -> 0.876,
 * listings 0.646 -> 0.667, trafilatura-eval 0.911 -> 0.910, AEB the
 * same), and 200 it is.  A list whose words
 * the text holds as prose for LIST_HELD or more is the article's
 * paragraphs (sites give each its <div class="para">): adding its other
 * lines cost trafilatura-eval 0.004.  Measured on the dev pages, HTML:
 * WCXB 0.8659 -> 0.8725 (listings 0.566 -> 0.638, products 0.606 ->
 * 0.624, collections 0.659 -> 0.723, articles 0.946 -> 0.945), AEB
 * 0.9669 -> 0.9671, trafilatura-eval 0.9108 -> 0.9110; text dumps have
 * no lists.  Cost: 14% more instructions on the dev pages (callgrind,
 * 300 pages; about half of it the text now kept going through the
 * duplicate stages), 8% more CPU time. */
#define LIST_PROSE 200
#define LIST_HELD 0.5
/* The normal preset's prose bounds were 7 words and 0.15 stop density;
 * every fold of the cross-validation by site chose 5 and 0.10 for text
 * dumps (make eval).  With them, on the dev pages: text dumps AEB 0.906
 * -> 0.907, trafilatura-eval 0.837 -> 0.838, WCXB 0.797 -> 0.802; HTML
 * AEB 0.9675 -> 0.9668, trafilatura-eval 0.9097 -> 0.9116, WCXB 0.8651
 * -> 0.8657.  Two more words where no stop list fits (the shape alone
 * decides) was measured and not kept: 4 of 5 folds chose none.  The
 * Aragonese page of tests/cli/cases/wet (it takes Spanish's list) keeps
 * its sections up to Fiestas now, and with them its references and
 * licence line. */

struct preset {
	unsigned min_words; /* fewer words: not prose */
	float min_stop;     /* lower stop density: not prose */
	float bad_min;      /* least cost of a non-prose paragraph */
	float bad_weight;   /* cost per word of a non-prose paragraph */
	int keep_fragments; /* 2: every non-prose line inside the text;
				   1: those that lead into text; 0: none */
	/* the constants below, the same for every preset, as the
	 * evaluation may set them (boilerplate_tune()) */
	float link_max, chrome_small, box_max_share, content_bonus;
	float item_weight, comment_share, chrome_big, neutral;
	float fallback_share, thread_cost;
	unsigned chrome_min_text, comments_after, lead_gap, comment_words;
	unsigned link_summary_words, fallback_words, repeat_words;
	unsigned list_prose, teaser_words;
};

/* clang-format off */
static const struct preset presets[] = {
	[BOILERPLATE_LOOSE] = { 5, 0.10f, 2.0f, 0.5f, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
	[BOILERPLATE_NORMAL] = { 5, 0.10f, 3.0f, 1.0f, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
	[BOILERPLATE_STRICT] = { 10, 0.20f, 5.0f, 1.0f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
};

/* The names WINNOW_TUNE may set (make eval's cross-validation,
 * bench/eval.py), and where they are in a preset. */
static const struct tunable {
	const char *name;
	size_t off;
	int is_float;
} tunables[] = {
	{ "bad_min", offsetof(struct preset, bad_min), 1 },
	{ "box_max_share", offsetof(struct preset, box_max_share), 1 },
	{ "chrome_big", offsetof(struct preset, chrome_big), 1 },
	{ "chrome_min_text", offsetof(struct preset, chrome_min_text), 0 },
	{ "chrome_small", offsetof(struct preset, chrome_small), 1 },
	{ "comment_share", offsetof(struct preset, comment_share), 1 },
	{ "comment_words", offsetof(struct preset, comment_words), 0 },
	{ "comments_after", offsetof(struct preset, comments_after), 0 },
	{ "content_bonus", offsetof(struct preset, content_bonus), 1 },
	{ "fallback_share", offsetof(struct preset, fallback_share), 1 },
	{ "fallback_words", offsetof(struct preset, fallback_words), 0 },
	{ "item_weight", offsetof(struct preset, item_weight), 1 },
	{ "lead_gap", offsetof(struct preset, lead_gap), 0 },
	{ "link_max", offsetof(struct preset, link_max), 1 },
	{ "link_summary_words", offsetof(struct preset, link_summary_words),
	    0 },
	{ "min_stop", offsetof(struct preset, min_stop), 1 },
	{ "neutral", offsetof(struct preset, neutral), 1 },
	{ "repeat_words", offsetof(struct preset, repeat_words), 0 },
	{ "teaser_words", offsetof(struct preset, teaser_words), 0 },
	{ "thread_cost", offsetof(struct preset, thread_cost), 1 },
	{ "min_words", offsetof(struct preset, min_words), 0 },
	{ "list_prose", offsetof(struct preset, list_prose), 0 },
};
/* clang-format on */

const char *const boilerplate_rule_name[BOILERPLATE_NRULES] = {
	"kept",
	"boilerplate_phrase",
	"placeholder",
	"site_template",
	"page_structure",
	"link_list",
	"outside_main_text",
	"comments_section",
	"fragment",
	"no_main_text",
};

/*
 * Lines that are boilerplate whatever follows them, in the languages of
 * the stop lists; written for winnow from what news sites print.  Matched
 * on the folded key (case, accents kept, punctuation dropped) at the
 * start of a paragraph, ending at a word boundary.
 */
/* clang-format off */
static const char *const phrases[] = {
	/* English */
	"advertisement", "continue reading", "you might also like",
	"you may also like", "latest news", "related articles",
	"related stories", "related content", "related", "read more",
	"read next", "more from", "post a comment", "no comments",
	"leave a comment", "share this", "share on", "share", "subscribe",
	"sign up", "sign in", "log in", "all rights reserved", "copyright",
	"photo by", "photo", "image copyright", "image caption",
	"image source", "media caption", "getty images", "follow us",
	"cookies", "we use cookies", "this site uses cookies",
	"privacy policy", "terms of use", "terms of service", "click here",
	"recommended", "most read", "most popular", "trending now",
	"skip to content", "back to top", "newsletter", "tags", "filed under",
	"sponsored", "advertising", "print this article", "email this",
	"more stories", "more news", "see also", "related posts",
	"recommended for you", "advertising disclosure",
	"thank you for your support", "support our journalism",
	"follow us on", "photo credit", "image credit", "get the latest",
	"if you enjoyed", "submit your", "table of contents",
	/* German */
	"werbung", "anzeige", "weitere artikel", "mehr zum thema",
	"lesen sie auch", "das könnte sie auch interessieren",
	"kommentar schreiben", "artikel teilen", "teilen", "abonnieren",
	"alle rechte vorbehalten", "foto", "zum seitenanfang", "impressum",
	"datenschutz", "datenschutzerklärung", "wir verwenden cookies",
	"mehr erfahren", "schlagworte", "startseite", "jetzt anmelden",
	"weiterlesen", "mehr lesen", "empfohlene beiträge",
	"ähnliche beiträge", "auch interessant", "bild anzeigen",
	"bildquelle", "quellenangaben", "kommentare geschlossen",
	"jetzt spenden", "schon gelesen", "das könnte dich auch interessieren",
	"das thema könnte dich auch interessieren", "zum weiterlesen",
	"aktualisiert am", "noch keine bewertungen", "inhaltsverzeichnis",
	"verpasse keine",
	/* French */
	"publicité", "lire aussi", "à lire aussi", "lire la suite",
	"voir aussi", "sur le même sujet", "partager", "réagir",
	"abonnez vous", "tous droits réservés", "crédit photo",
	"mentions légales", "politique de confidentialité",
	"nous utilisons des cookies", "en savoir plus", "articles similaires",
	"à voir aussi", "crédits photos", "suivez nous",
	/* Spanish */
	"publicidad", "lee también", "leer más", "te puede interesar",
	"noticias relacionadas", "compartir", "suscríbete",
	"todos los derechos reservados", "política de privacidad",
	"aviso legal", "más información", "ver más", "más noticias",
	"artículos relacionados", "síguenos", "para comentar", "únete",
	/* Italian */
	"pubblicità", "leggi anche", "potrebbe interessarti",
	"articoli correlati", "condividi", "iscriviti",
	"tutti i diritti riservati", "leggi di più", "altre notizie",
	"seguici",
	/* Portuguese */
	"publicidade", "leia também", "leia mais", "veja também",
	"compartilhe", "assine", "todos os direitos reservados",
	/* Dutch */
	"advertentie", "lees ook", "lees meer", "gerelateerde artikelen",
	"delen", "alle rechten voorbehouden", "meer nieuws", "bekijk ook",
	"lees verder",
	/* Polish */
	"reklama", "zobacz także", "zobacz też", "czytaj także",
	"czytaj też", "czytaj więcej", "udostępnij", "polecamy",
	"wszelkie prawa zastrzeżone", "materiał chroniony prawem autorskim",
	/* Russian */
	"реклама", "читайте также", "подробнее", "поделиться",
	"подписаться", "все права защищены", "фото",
};
/* clang-format on */
#define NPHRASES (sizeof(phrases) / sizeof(phrases[0]))

/* A cookie notice: a word of cookie_words and one of cookie_context in
 * a paragraph of at most NOTICE_MAX_WORDS words, in the languages that
 * borrowed the word.  Matched as whole words of the folded key, found in
 * the same table as the stop words. */
static const char *const cookie_words[] = { "cookie", "cookies" };
/* clang-format off */
static const char *const cookie_context[] = {
	"website", "websites", "site", "sites", "browsing", "browser",
	"consent", "accept", "privacy", "experience", "navigation",
	"webseite", "website", "navigateur", "navegación", "navegador",
	"navigazione", "datenschutz", "zustimmung", "zustimmen",
	"akzeptieren", "consentement", "accepter", "aceptar", "accetta",
	"accetto", "consenso", "consentimiento",
};
/* clang-format on */
#define NOTICE_MAX_WORDS 120
/* A rights notice: a paragraph of at most RIGHTS_MAX_WORDS words with a
 * copyright sign anywhere in it, as a notice writes it
 * (has_copyright_sign()) ("(c) 2022 The Paper. This article is
 * the copyrighted property of ...", "Photos: (c) Agency"), in place of
 * the sign as a phrase (at a line's start with PHRASE_SLACK words after
 * it), which a notice's length or a credit's first word escaped.  Dev
 * pages, HTML: AEB 0.9711 -> 0.9714, trafilatura-eval 0.9187 ->
 * 0.9193, WCXB 0.8837 -> 0.8838 (products +0.0027); text dumps: AEB
 * 0.9069 -> 0.9076, trafilatura-eval 0.8402 -> 0.8414, WCXB 0.8088 ->
 * 0.8091, one more empty output (a shop page whose only prose was its
 * footer: its text fold -0.03, one page); no other site fold of a set
 * or page type lower by more than 0.0012 (documentation, text).  40 words: the same in HTML, text 0.0001-0.0003
 * lower; 120: HTML the same, text trafilatura-eval 0.0004 lower.  Lost:
 * a dictionary's source credits, which its ground truth keeps.  Before
 * the mojibake test ("Ã©" holds the sign's bytes), mojibake French and
 * Chinese lines of the real-text bench corpus went as notices. */
#define RIGHTS_MAX_WORDS 60

/* Words that name a comment section, in the stop lists' languages and a
 * few more. */
/* clang-format off */
static const char *const comment_words[] = {
	"comment", "comments", "commenting", "reply", "replies", "responses",
	"reactions", "kommentar", "kommentare", "kommentieren",
	"commentaire", "commentaires", "comentario", "comentarios",
	"comentário", "comentários", "commento", "commenti", "reactie",
	"reacties", "reageer", "комментарий", "комментарии", "комментариев",
	"yorum", "yorumlar", "komentarz", "komentarze", "komentarzy", "댓글",
	"コメント", "评论", "評論",
};
/* clang-format on */

/* ... of which these name what a forum counts under each topic ("76
 * Replies"), not a comment section's heading when counted. */
static const char *const reply_words[] = { "reply", "replies" };

/* Flags of the special words, beside the stop-word languages. */
enum {
	SPECIAL_COOKIE = 1,
	SPECIAL_COOKIE_CONTEXT = 2,
	SPECIAL_COMMENT = 4,
	SPECIAL_REPLY = 8
};

#define NWORDS(a) (sizeof(a) / sizeof((a)[0]))

/* A key's first two bytes (every phrase's key has two) pick its chain:
 * about one phrase in each, where the first byte alone made chains of up
 * to 19 that most paragraphs walked. */
#define PHRASE_BUCKETS 1024

static inline unsigned
phrase_bucket(const char *key)
{
	return ((unsigned char)key[0] * 31u + (unsigned char)key[1]) &
	    (PHRASE_BUCKETS - 1);
}

struct phrase_key {
	char *key;
	size_t len;
	uint32_t words;
};

struct boilerplate {
	struct boilerplate_options opt;
	struct preset preset; /* of opt.mode, with the tuned constants */
	/* stop and special words: open addressing on the word hash, at
	 * most half full; one 16-byte slot per word, so that a lookup (one
	 * per word of the text) touches one cache line */
	struct stop_entry {
		uint64_t hash;    /* 0: empty */
		uint32_t mask;    /* bit l: a stop word of language l */
		uint32_t special; /* SPECIAL_* */
	} * stop;
	size_t stop_slots; /* a power of two */
	/* bit (h >> 48) of every word hash h in the table: most words of
	 * a text are in no list, and this 8 KB filter, which stays in the
	 * cache, turns nearly all of them away before the table */
	uint64_t stop_filter[1024];
	struct phrase_key phrase[NPHRASES];
	/* phrases by the first two bytes of their key (phrase_bucket()),
	 * in list order: head[] and next[] are phrase indices + 1, 0 ends */
	uint16_t head[PHRASE_BUCKETS];
	uint16_t next[NPHRASES];
	/* lane[x][j]: bit j of x (count_stops()) */
	uint16_t lane[256][8];
};

/* The slot of word hash h: its own, or the empty one it would take. */
static size_t
stop_slot(const struct boilerplate *b, uint64_t h)
{
	size_t i = (size_t)h & (b->stop_slots - 1);

	while (b->stop[i].hash != 0 && b->stop[i].hash != h)
		i = (i + 1) & (b->stop_slots - 1);
	return i;
}

/* Add a word hash: to language lang's stop words (lang >= 0), or with a
 * special flag. */
static void
stop_add(struct boilerplate *b, uint64_t h, int lang, unsigned special)
{
	size_t i;

	if (h == 0)
		h = 1;
	i = stop_slot(b, h);
	b->stop[i].hash = h;
	b->stop_filter[h >> 54] |= (uint64_t)1 << ((h >> 48) & 63);
	if (lang >= 0)
		b->stop[i].mask |= (uint32_t)1 << lang;
	b->stop[i].special |= special;
}

/* The folded key of s, through the same normalizations as the text. */
static int
fold(struct normalizer *n, const char *s, struct wn_buf *text,
    struct normalize_key *key)
{
	struct normalize_stats ns = { 0, 0, 0 };

	text->len = 0;
	if (normalize_text(n, s, strlen(s), text, &ns) != WN_OK ||
	    normalize_key(n, text->data, text->len, key) != WN_OK)
		return -1;
	return 0;
}

/* The next word of the space-separated list at *p, its length in *len;
 * *p moves past it.  NULL at the list's end. */
static const char *
list_word(const char **p, size_t *len)
{
	const char *s = *p, *sp;

	while (*s == ' ')
		s++;
	if (*s == '\0')
		return NULL;
	sp = strchr(s, ' ');
	*len = sp ? (size_t)(sp - s) : strlen(s);
	*p = s + *len;
	return s;
}

/* Is s[0..len) a word of lower-case ASCII letters, which fold() leaves
 * as it is, one word (boilerplate_plain_ok() checks it)?  Most words of
 * the lists are: folding each took 2M instructions, the start of every
 * run (0.4 per byte of bench/profile.sh's 5 MB). */
static int
plain_word(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return len > 0;
}

/* Add the words w[0..nw) with flag special (each folded to one word). */
static int
add_special(struct boilerplate *b, struct normalizer *n, struct wn_buf *text,
    struct normalize_key *key, const char *const *w, size_t nw,
    unsigned special)
{
	size_t i;

	for (i = 0; i < nw; i++) {
		size_t len = strlen(w[i]);

		if (plain_word(w[i], len)) {
			stop_add(b, fingerprint_word(w[i], len), -1, special);
			continue;
		}
		if (fold(n, w[i], text, key) != 0)
			return -1;
		if (key->nwords == 1)
			stop_add(b,
			    fingerprint_word(key->text.data, key->text.len), -1,
			    special);
	}
	return 0;
}

int
boilerplate_tune(const char *tune, void *preset, char *bad, size_t badlen)
{
	struct preset *ps = preset;
	const char *p = tune;

	while (p != NULL && *p != '\0') {
		const char *comma = strchr(p, ','), *eq = strchr(p, '=');
		size_t n = comma ? (size_t)(comma - p) : strlen(p), i;
		char *end;
		double v;

		if (eq == NULL || eq > p + n)
			goto fail;
		for (i = 0; i < sizeof(tunables) / sizeof(tunables[0]); i++)
			if (strlen(tunables[i].name) == (size_t)(eq - p) &&
			    memcmp(tunables[i].name, p, (size_t)(eq - p)) == 0)
				break;
		if (i == sizeof(tunables) / sizeof(tunables[0]))
			goto fail;
		v = strtod(eq + 1, &end);
		if (end != p + n || !(v >= 0 && v < 1e6))
			goto fail;
		if (ps != NULL && tunables[i].is_float)
			*(float *)(void *)((char *)ps + tunables[i].off) =
			    (float)v;
		else if (ps != NULL)
			*(unsigned *)(void *)((char *)ps + tunables[i].off) =
			    (unsigned)v;
		p = comma ? comma + 1 : NULL;
	}
	return 0;
fail:
	if (bad != NULL)
		snprintf(bad, badlen, "%.*s",
		    (int)(strchr(p, ',') ? (size_t)(strchr(p, ',') - p) :
		                           strlen(p)),
		    p);
	return -1;
}

struct boilerplate *
boilerplate_new(const struct boilerplate_options *opt)
{
	struct boilerplate *b;
	struct normalizer *n;
	struct wn_buf text = { NULL, 0, 0 };
	struct normalize_key key;
	size_t i, j, words = 0;
	int lang, ok = 0;

	if (opt->mode > BOILERPLATE_STRICT || opt->lang < -1 ||
	    opt->lang >= BOILERPLATE_NLANG)
		return NULL;
	if ((b = calloc(1, sizeof(*b))) == NULL)
		return NULL;
	b->opt = *opt;
	b->preset = presets[opt->mode == BOILERPLATE_OFF ? BOILERPLATE_NORMAL :
	                                                   opt->mode];
	b->preset.link_max = LINK_DENSITY_MAX;
	b->preset.chrome_small = CHROME_SMALL;
	b->preset.box_max_share = BOX_MAX_SHARE;
	b->preset.content_bonus = CONTENT_BONUS;
	b->preset.item_weight = ITEM_WEIGHT;
	b->preset.chrome_min_text = CHROME_MIN_TEXT;
	b->preset.comments_after = COMMENTS_AFTER;
	b->preset.lead_gap = LEAD_GAP;
	b->preset.comment_words = COMMENT_HEADING_WORDS;
	b->preset.comment_share = COMMENT_SHARE;
	b->preset.chrome_big = CHROME_BIG;
	b->preset.neutral = 1;
	b->preset.link_summary_words = LINK_SUMMARY_WORDS;
	b->preset.fallback_words = FALLBACK_WORDS;
	b->preset.fallback_share = FALLBACK_SHARE;
	b->preset.thread_cost = THREAD_COST;
	b->preset.repeat_words = REPEAT_WORDS;
	b->preset.list_prose = LIST_PROSE;
	b->preset.teaser_words = TEASER_WORDS;
	if (boilerplate_tune(opt->tune, &b->preset, NULL, 0) != 0) {
		free(b);
		return NULL;
	}
	memset(&key, 0, sizeof(key));
	for (i = 0; i < 256; i++)
		for (j = 0; j < 8; j++)
			b->lane[i][j] = (uint16_t)(i >> j & 1);
	for (lang = 0; lang < STOPWORD_NLANG; lang++)
		for (i = 0; stopword_list[lang][i] != '\0'; i++)
			words += stopword_list[lang][i] == ' ';
	/* at most half full: a miss (most words, past the filter) ends at
	 * an empty slot fast */
	b->stop_slots = 64;
	while (b->stop_slots < words * 2)
		b->stop_slots *= 2;
	b->stop = calloc(b->stop_slots, sizeof(*b->stop));
	if ((n = normalize_new()) == NULL || b->stop == NULL)
		goto out;
	for (lang = 0; lang < STOPWORD_NLANG; lang++) {
		const char *p = stopword_list[lang], *w;
		size_t len;

		while ((w = list_word(&p, &len)) != NULL) {
			char word[64];

			if (plain_word(w, len)) {
				stop_add(b, fingerprint_word(w, len), lang, 0);
				continue;
			}
			if (len >= sizeof(word))
				continue;
			memcpy(word, w, len);
			word[len] = '\0';
			if (fold(n, word, &text, &key) != 0)
				goto out;
			/* "don't" folds to "don" and "t": both are function
			 * words */
			for (j = 0; j < key.nwords; j++) {
				size_t a = j ? key.word_end[j - 1] : 0;

				stop_add(b,
				    fingerprint_word(
				        key.text.data + a, key.word_end[j] - a),
				    lang, 0);
			}
		}
	}
	if (add_special(b, n, &text, &key, cookie_words, NWORDS(cookie_words),
	        SPECIAL_COOKIE) != 0 ||
	    add_special(b, n, &text, &key, cookie_context,
	        NWORDS(cookie_context), SPECIAL_COOKIE_CONTEXT) != 0 ||
	    add_special(b, n, &text, &key, comment_words, NWORDS(comment_words),
	        SPECIAL_COMMENT) != 0 ||
	    add_special(b, n, &text, &key, reply_words, NWORDS(reply_words),
	        SPECIAL_REPLY) != 0)
		goto out;
	for (i = 0; i < NPHRASES; i++) {
		if (fold(n, phrases[i], &text, &key) != 0 ||
		    (b->phrase[i].key = malloc(key.text.len + 1)) == NULL)
			goto out;
		memcpy(b->phrase[i].key, key.text.data, key.text.len);
		b->phrase[i].len = key.text.len;
		b->phrase[i].words = (uint32_t)key.nwords;
	}
	for (i = NPHRASES; i-- > 0;) {
		unsigned c;

		if (b->phrase[i].len == 0)
			continue;
		if (b->phrase[i].len < 2)
			goto out; /* phrase_bucket() needs two bytes */
		c = phrase_bucket(b->phrase[i].key);
		b->next[i] = b->head[c];
		b->head[c] = (uint16_t)(i + 1);
	}
	ok = 1;
out:
	normalize_free(n);
	wn_buf_free(&text);
	normalize_key_free(&key);
	if (!ok) {
		boilerplate_free(b);
		return NULL;
	}
	return b;
}

void
boilerplate_free(struct boilerplate *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < NPHRASES; i++)
		free(b->phrase[i].key);
	free(b->stop);
	free(b);
}

const char *
boilerplate_lang_name(int lang)
{
	if (lang == LANG_JA)
		return "ja";
	return lang >= 0 && lang < STOPWORD_NLANG ? stopword_lang[lang] :
	                                            "none";
}

int
boilerplate_lang_find(const char *name)
{
	int i;

	for (i = 0; i < STOPWORD_NLANG; i++)
		if (strcmp(name, stopword_lang[i]) == 0)
			return i;
	return strcmp(name, "ja") == 0 ? LANG_JA : -1;
}

const char *
boilerplate_phrase(int i)
{
	if ((size_t)i == NPHRASES)
		return "cookie notice";
	if ((size_t)i == NPHRASES + 1)
		return "rights notice";
	return i >= 0 && (size_t)i < NPHRASES ? phrases[i] : "";
}

/* The code point of the UTF-8 sequence at s (valid UTF-8), its length in
 * *n. */
static uint32_t
decode(const unsigned char *s, size_t len, size_t *n)
{
	if (s[0] < 0x80 || len < 2) {
		*n = 1;
		return s[0];
	}
	if (s[0] < 0xE0) {
		*n = 2;
		return (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	}
	if (s[0] < 0xF0 || len < 4) {
		*n = len < 3 ? len : 3;
		return len < 3 ? 0 :
		                 (uint32_t)(s[0] & 0x0F) << 12 |
		        (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	}
	*n = 4;
	return (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
	    (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
}

static int
is_cjk(uint32_t c)
{
	return (c >= 0x3040 && c <= 0x30FF) || /* kana */
	    (c >= 0x3400 && c <= 0x9FFF) ||    /* CJK ideographs */
	    (c >= 0xAC00 && c <= 0xD7AF);      /* Hangul syllables */
}

/* . ! ? : ; " ' ) ] and the closing quotes, guillemet, ellipsis and the
 * CJK full stops. */
static int
is_final(uint32_t c)
{
	switch (c) {
	case '.':
	case '!':
	case '?':
	case ':':
	case ';':
	case '"':
	case '\'':
	case ')':
	case ']':
	case 0x2019:
	case 0x201D:
	case 0xBB:
	case 0x2026:
	case 0x3002:
	case 0xFF01:
	case 0xFF1F:
		return 1;
	default:
		return 0;
	}
}

/* - * > | and the bullets and boxes that renderers print for <li>. */
static int
is_marker(uint32_t c)
{
	switch (c) {
	case '-':
	case '*':
	case '>':
	case '|':
	case 0x2022:
	case 0x25A1:
	case 0x25E6:
	case 0x25AA:
	case 0xB7:
	case 0x25CF:
	case 0x25A0:
		return 1;
	default:
		return 0;
	}
}

static int
has_word_end(const struct normalize_key *key, size_t off)
{
	size_t i;

	for (i = 0; i < key->nwords; i++)
		if (key->word_end[i] >= off)
			return key->word_end[i] == off;
	return 0;
}

struct word {
	const char *s;
	size_t len;
};
#define WORD(x)                                                                \
	{                                                                      \
		x, sizeof(x) - 1                                               \
	}

/* Words that start a photo credit: "Foto: dpa", "(Photo: AP)",
 * "Titelbild: ...", "(crédito: ...)"; followed by a colon. */
/* clang-format off */
static const struct word credit_words[] = {
	WORD("foto"), WORD("fotos"), WORD("photo"), WORD("photos"),
	WORD("bild"), WORD("titelbild"), WORD("image"), WORD("imagen"),
	WORD("credit"), WORD("credits"), WORD("crédito"), WORD("crédit"),
	WORD("créditos"), WORD("fotó"), WORD("zdjęcie"), WORD("фото"),
	WORD("abbildung"), WORD("abb"), WORD("grafik"), WORD("quelle"),
	WORD("source"), WORD("fuente"), WORD("fonte"),
};
/* clang-format on */
/* Agencies and stock libraries that end a credit: "(name / iStock.com)". */
/* clang-format off */
static const struct word credit_agencies[] = {
	WORD("istock"), WORD("getty images"), WORD("shutterstock"),
	WORD("picture-alliance"), WORD("picture alliance"), WORD("imago"),
	WORD("dpa"), WORD("afp"), WORD("reuters"), WORD("keystone"),
	WORD("unsplash"), WORD("pixabay"), WORD("adobe stock"),
	WORD("ap photo"),
};
/* clang-format on */
/* A caption with its credit is at most 40 words, and the credit starts
 * in its last 80 bytes.  On trafilatura-eval's dev half the rule removes
 * 5 unwanted snippets and 1 wanted one (a caption the annotators kept);
 * AEB moves +0.001 to +0.002. */
#define CREDIT_MAX_WORDS 40
#define CREDIT_TAIL 80

static int
starts_ci(const char *s, size_t len, const char *w, size_t wl)
{
	size_t i;

	if (wl > len)
		return 0;
	for (i = 0; i < wl; i++) {
		unsigned char a = (unsigned char)s[i], c = (unsigned char)w[i];

		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (a != c)
			return 0;
	}
	return 1;
}

/* Does s[0..len) hold the copyright sign (U+00A9) as a notice writes
 * it?  1: not right after a letter, a digit or a non-ASCII character,
 * and not before a lower-case letter (a year, a name, the end); 2: only
 * after a space and before a lower-case word ("(c) dpa", or a sentence
 * that names the sign: "adding the (c) symbol"); 0: none.  Mojibake
 * holds its bytes ("é" read as Latin-1 is "Ã©", C3 83 C2 A9). */
static int
has_copyright_sign(const char *s, size_t len)
{
	const unsigned char *b = (const unsigned char *)s, *p = b;
	const unsigned char *end = b + len;
	int weak = 0;

	while (
	    (p = memchr(p, 0xC2, (size_t)(end - p))) != NULL && p + 1 < end) {
		const unsigned char *q = p + 2;
		int after;

		if (p[1] != 0xA9) {
			p++;
			continue;
		}
		while (q < end && *q == ' ')
			q++;
		after = p == b ||
		    (p[-1] < 0x80 &&
		        !((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z') &&
		        !(p[-1] >= '0' && p[-1] <= '9'));
		if (after && !(q < end && *q >= 'a' && *q <= 'z'))
			return 1;
		if (after && p > b && p[-1] == ' ')
			weak = 2;
		p++;
	}
	return weak;
}

/* Does s end in a photo credit: a credit word and a colon starting a
 * part of its last CREDIT_TAIL bytes (the text, a sentence or a
 * parenthesis), or a stock agency in a closing parenthesis? */
static int
has_credit(const char *s, size_t len)
{
	size_t i, k, w, from = len > CREDIT_TAIL ? len - CREDIT_TAIL : 0;
	const char *c;

	if (len == 0)
		return 0;
	for (c = memchr(s + from, ':', len - from); c != NULL;
	     c = memchr(c + 1, ':', (size_t)(s + len - c - 1))) {
		char b1, b2;

		i = (size_t)(c - s);
		for (w = i; w > from && s[w - 1] != ' ' && s[w - 1] != '('; w--)
			;
		b1 = w > 0 ? s[w - 1] : ' ';
		b2 = w > 1 ? s[w - 2] : '.';
		if (!(w == 0 || b1 == '(' ||
		        (b1 == ' ' &&
		            (b2 == '.' || b2 == '!' || b2 == '?' ||
		                b2 == '|'))))
			continue;
		for (k = 0; k < NWORDS(credit_words); k++)
			if (i - w == credit_words[k].len &&
			    starts_ci(s + w, i - w, credit_words[k].s,
			        credit_words[k].len))
				return 1;
	}
	if (s[len - 1] != ')')
		return 0;
	for (w = len - 1; w > from && s[w] != '('; w--)
		;
	if (s[w] != '(')
		return 0;
	for (i = w + 1; i < len; i++) {
		if (s[i - 1] != ' ' && s[i - 1] != '(' && s[i - 1] != '/')
			continue;
		for (k = 0; k < NWORDS(credit_agencies); k++) {
			size_t e = i + credit_agencies[k].len;

			if (starts_ci(s + i, len - i, credit_agencies[k].s,
			        credit_agencies[k].len) &&
			    (e >= len ||
			        !((s[e] | 0x20) >= 'a' &&
			            (s[e] | 0x20) <= 'z')))
				return 1;
		}
	}
	return 0;
}

/* Is s[0..len) a run of titles glued into one line, as a headline list
 * rendered without its breaks is ("... Damascu... Damascus Chamber of
 * Commerce: lifting economic sanctions is a positive step toward
 * rebuilding bridge... Jordanian Delegation to Visit ...")?  Titles cut
 * short by the site end in an ellipsis and the next one starts with a
 * capital: TITLES_MIN_CUTS such joints, and capitals starting at least
 * TITLES_CAPITALS of its words (titles are written in title case).  In
 * the ground truth of the AEB and WCXB dev pages one line of 28,237 of
 * 20 words or more has three such joints, and it is a comment in
 * lower case. */
/* The joints of glued_titles() in u[0..len): an ellipsis ("..." at any
 * of its dots but the last two, or U+2026) followed by a space and a
 * capital, the ellipses found with memchr(). */
static size_t
title_cuts(const unsigned char *u, size_t len, unsigned char first)
{
	const unsigned char *c;
	size_t cuts = 0;

	for (c = memchr(u, first, len); c != NULL;
	     c = memchr(c + 1, first, len - (size_t)(c + 1 - u))) {
		size_t i = (size_t)(c - u), j = i + 3;

		if (i + 3 > len ||
		    memcmp(u + i, first == '.' ? "..." : "\xE2\x80\xA6", 3) !=
		        0)
			continue;
		while (j < len && u[j] == '.')
			j++;
		if (j < len && u[j] == ' ' && j + 1 < len &&
		    ((u[j + 1] >= 'A' && u[j + 1] <= 'Z') || u[j + 1] >= 0xC3))
			cuts++;
	}
	return cuts;
}

static int
glued_titles(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, words = 0, caps = 0;
	int start = 1;

	/* the joints first: most long lines have none, and the words are
	 * counted byte by byte (that loop for every line was 7% of the
	 * instructions on the real-text bench corpus) */
	if (len < 3 ||
	    title_cuts(u, len, '.') + title_cuts(u, len, 0xE2) <
	        TITLES_MIN_CUTS)
		return 0;
	for (i = 0; i < len; i++) {
		if (u[i] == ' ') {
			start = 1;
			continue;
		}
		if (start) {
			words++;
			caps += (u[i] >= 'A' && u[i] <= 'Z') ||
			    (u[i] == 0xC3 && i + 1 < len && u[i + 1] >= 0x80 &&
			        u[i + 1] <= 0x9E) ||
			    (u[i] == 0xD0 && i + 1 < len && u[i + 1] >= 0x90 &&
			        u[i + 1] <= 0xAF);
		}
		start = 0;
	}
	return (double)caps >= TITLES_CAPITALS * (double)words;
}

/* Word i of key as a stop-table hash (never 0): wh[i] when the caller
 * made them, else made here. */
static inline uint64_t
key_word_hash(const struct normalize_key *key, const uint64_t *wh, size_t i)
{
	uint64_t h;

	if (wh != NULL) {
		h = wh[i];
	} else {
		size_t a = i ? key->word_end[i - 1] : 0;

		h = fingerprint_word(key->text.data + a, key->word_end[i] - a);
	}
	return h ? h : 1;
}

/* The stop words among the n words of key into p->hits (each word's
 * hash from wh[], or made here when wh is NULL); returns the special
 * flags of them all.  A stop word's languages are a mask: with SSE2 the
 * first 16 are added to 16 counters at once, a row of lane[] for each of
 * its two low bytes (a loop over the mask's bits was 4% of the
 * instructions on the real-text bench corpus; make profile 50.9 -> 50.5
 * instructions per input byte); the counters wrap as p->hits[] does. */
static unsigned
count_stops(const struct boilerplate *b, const struct normalize_key *key,
    const uint64_t *wh, struct boilerplate_para *p)
{
	unsigned special = 0;
	size_t i;
#ifdef __SSE2__
	__m128i lo =
	    _mm_loadu_si128((const __m128i *)(const void *)&p->hits[0]);
	__m128i hi =
	    _mm_loadu_si128((const __m128i *)(const void *)&p->hits[8]);
#endif

	for (i = 0; i < key->nwords; i++) {
		const struct stop_entry *e;
		uint64_t h;
		uint32_t m;

		h = key_word_hash(key, wh, i);
		if (!((b->stop_filter[h >> 54] >> ((h >> 48) & 63)) & 1))
			continue;
		e = &b->stop[stop_slot(b, h)];
		m = e->mask;
		special |= e->special;
		if (m == 0)
			continue;
#ifdef __SSE2__
		lo = _mm_add_epi16(lo,
		    _mm_loadu_si128(
		        (const __m128i *)(const void *)b->lane[m & 0xFF]));
		hi = _mm_add_epi16(hi,
		    _mm_loadu_si128(
		        (const __m128i *)(const void *)b->lane[m >> 8 & 0xFF]));
		m >>= 16;
		for (int l = 16; m != 0; l++, m >>= 1)
			p->hits[l] += m & 1;
#else
		for (int l = 0; m != 0; l++, m >>= 1)
			p->hits[l] += m & 1;
#endif
	}
#ifdef __SSE2__
	_mm_storeu_si128((__m128i *)(void *)&p->hits[0], lo);
	_mm_storeu_si128((__m128i *)(void *)&p->hits[8], hi);
#endif
	return special;
}

/* Is word i of key a number other than zero? */
static int
key_count(const struct normalize_key *key, size_t i)
{
	size_t a = i ? key->word_end[i - 1] : 0, z = key->word_end[i];
	int nonzero = 0;

	if (a == z)
		return 0;
	for (; a < z; a++) {
		char c = key->text.data[a];

		if (c < '0' || c > '9')
			return 0;
		nonzero |= c != '0';
	}
	return nonzero ? COMMENTS_COUNTED : COMMENTS_ZERO;
}

/* The special flags (SPECIAL_COMMENT...) of word i of key. */
static unsigned
key_special(const struct boilerplate *b, const struct normalize_key *key,
    const uint64_t *wh, size_t i)
{
	uint64_t h = key_word_hash(key, wh, i);
	const struct stop_entry *e = &b->stop[stop_slot(b, h)];

	return e->hash == h ? e->special : 0;
}

/* Is the line a field labelled by a comment word, "Comments: 35 pages,
 * 4 figures" (arXiv), "Replies: 12 since Monday": the label, a colon
 * right after it, and two words or more of value? */
static int
comment_label(const struct boilerplate *b, const char *s, size_t len,
    const struct normalize_key *key, const uint64_t *wh)
{
	size_t i = 0;

	if (key->nwords < 3 || !(key_special(b, key, wh, 0) & SPECIAL_COMMENT))
		return 0;
	while (i < len && s[i] != ' ' && s[i] != ':')
		i++;
	return i < len && s[i] == ':';
}

/* Does the line open by counting comments: "167 comments", "34
 * responses to <the title>", or the two words alone ("Comments (12)")?
 * Such a line is the heading of the section itself, whatever follows
 * it.  Not a zero count ("0 comments" under a post that has none), nor
 * a count inside a byline or a teaser ("By ... | 6 comments", "Full
 * Story (comments: 133)"), nor a word then a number that goes on
 * ("Comments: 35 pages, 4 figures"). */
static int
counted_comments(const struct boilerplate *b, const char *s, size_t len,
    const struct normalize_key *key, const uint64_t *wh)
{
	size_t i;
	unsigned w = 0;
	int c;

	if (key->nwords < 2)
		return COMMENTS_NAMED;
	/* "2. Comment ...": a numbered item */
	for (i = 0; i < len && (s[i] == '[' || s[i] == '(' || s[i] == ' '); i++)
		;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i < len && (s[i] == '.' || s[i] == ')' || s[i] == ':'))
		return COMMENTS_NAMED;
	if ((c = key_count(key, 0)) != 0)
		w = key_special(b, key, wh, 1);
	else if (key->nwords == 2 && (c = key_count(key, 1)) != 0)
		w = key_special(b, key, wh, 0);
	return (w & SPECIAL_COMMENT) && !(w & SPECIAL_REPLY) ? c :
	                                                       COMMENTS_NAMED;
}

/* Is every byte of s that is not a space inside [brackets]? */
static int
all_bracketed(const char *s, size_t len)
{
	size_t i;
	int depth = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '[')
			depth++;
		else if (s[i] == ']')
			depth -= depth > 0;
		else if (depth == 0 && s[i] != ' ')
			return 0;
	}
	return 1;
}

/* Is the line, which mentions comments, shaped like something other
 * than the heading of a comment section: a line of code (a brace, an
 * operator, a call: ">>> print(issue['comments'])", "for (const
 * response of responses) {", "v1 -> v2: addressed review comments"), or
 * a sentence leading into what follows ("Responses have a type property
 * that can be one of the following:")?  Documentation about HTTP or a
 * bug tracker names responses and comments in its text. */
static int
not_heading(const char *s, size_t len, size_t words)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char next = i + 1 < len ? s[i + 1] : 0;

		if (memchr("{}=;<>", s[i], 6) != NULL ||
		    (s[i] == '(' && memchr(")'\"", next, 3) != NULL) ||
		    (s[i] == '[' && memchr("'\"", next, 2) != NULL))
			return 1;
	}
	return words > COLON_HEADING_WORDS && len > 0 && s[len - 1] == ':';
}

/* Does s, which ends in ']', end in a shortcode's end tag "[/name]"? */
static int
shortcode_end(const char *s, size_t len)
{
	size_t i = len - 1;

	while (i > 0 && s[i - 1] != '[' && s[i - 1] != ']')
		i--;
	return i > 0 && s[i - 1] == '[' && s[i] == '/';
}

void
boilerplate_measure(const struct boilerplate *b, const char *s, size_t len,
    const struct normalize_key *key, struct boilerplate_para *p)
{
	const unsigned char *u = (const unsigned char *)s;
	const uint64_t *wh = key->word_hash;
	size_t i, n, cjk = 0, hira = 0, chars = 0;
	uint32_t c, last = 0;
	unsigned special = 0;

	boilerplate_para_clear(p);
	/* characters: the bytes that do not continue a UTF-8 sequence (the
	 * text is normalized, so valid); only a lead byte of E3..ED starts a
	 * kana, ideograph or Hangul syllable */
	if (key->ascii) /* the key saw every byte: no need */
		chars = len;
	for (i = key->ascii ? len : 0; i < len; i++) {
		size_t e = utf8_ascii_end(u, i, len);
		unsigned char x;

		chars += e - i;
		if ((i = e) >= len)
			break;
		x = u[i];
		chars += (x & 0xC0) != 0x80;
		if (x >= 0xE3 && x <= 0xED) {
			c = decode(u + i, len - i, &n);
			cjk += is_cjk(c);
			hira += c >= 0x3041 && c <= 0x309F;
		}
	}
	if (len > 0) {
		p->list = (uint8_t)is_marker(decode(u, len, &n));
		for (i = len - 1; i > 0 && (u[i] & 0xC0) == 0x80 && len - i < 4;
		     i--)
			;
		last = decode(u + i, len - i, &n);
	}
	p->chars = (uint32_t)chars;
	p->ends_sentence = len > 0 && is_final((uint32_t)last);
	p->ends_comma = len > 0 && last == ',';
	/* a line of placeholders ("[Social-Fac] [Social-Twi]", w3m's
	 * images) or a shortcode a CMS left ("[button ...] Send us a
	 * review[/button]"); "[1] arXiv:2501.01234 [pdf, html]" has text
	 * between its brackets and is a line of fields */
	p->placeholder = len >= 2 && s[0] == '[' && s[len - 1] == ']' &&
	    (all_bracketed(s, len) || shortcode_end(s, len));
	p->cjk = cjk * 2 > chars;
	p->words = (uint32_t)key->nwords;
	if (cjk / 3 > p->words)
		p->words = (uint32_t)(cjk / 3);
	p->hits[LANG_JA] =
	    (uint16_t)(hira / 3 < UINT16_MAX ? hira / 3 : UINT16_MAX);
	/* the caller's word hashes (clean_prepare() always has them), or
	 * each hashed here */
	special = count_stops(b, key, wh, p);
	for (i = key->text.len >= 2 ? b->head[phrase_bucket(key->text.data)] :
	                              0;
	     i != 0; i = b->next[i - 1]) {
		const struct phrase_key *ph = &b->phrase[i - 1];

		if (ph->len <= key->text.len &&
		    key->nwords <= ph->words + PHRASE_SLACK &&
		    memcmp(key->text.data, ph->key, ph->len) == 0 &&
		    has_word_end(key, ph->len)) {
			p->phrase = (int16_t)(i - 1);
			break;
		}
	}
	if (p->phrase < 0 && key->nwords <= NOTICE_MAX_WORDS &&
	    (special & SPECIAL_COOKIE) && (special & SPECIAL_COOKIE_CONTEXT))
		p->phrase = (int16_t)NPHRASES;
	/* a sign before a lower-case word is a notice's only in a line
	 * that does not end like a sentence ("Foto (c) dpa") */
	if (p->phrase < 0 && p->words <= RIGHTS_MAX_WORDS &&
	    (c = (uint32_t)has_copyright_sign(s, len)) != 0 &&
	    (c == 1 || !p->ends_sentence))
		p->phrase = (int16_t)(NPHRASES + 1);
	p->credit = key->nwords <= CREDIT_MAX_WORDS && has_credit(s, len);
	p->titles = key->nwords >= TITLES_MIN_WORDS && glued_titles(s, len);
	if (key->nwords <= COMMENTS_MAX_WORDS && (special & SPECIAL_COMMENT) &&
	    !(len > 0 &&
	        (s[len - 1] == '.' || s[len - 1] == '!' ||
	            s[len - 1] == '?')) &&
	    !comment_label(b, s, len, key, wh) &&
	    !not_heading(s, len, key->nwords))
		p->comments =
		    (uint8_t)(p->list ? COMMENTS_NAMED :
		                        counted_comments(b, s, len, key, wh));
}

static int
is_item(const struct boilerplate_para *p)
{
	return p->role == BLOCK_ITEM || (p->list && p->words < ITEM_MAX_WORDS);
}

/* The first paragraph with pos >= x (positions do not decrease). */
static size_t
lower_pos(const struct boilerplate_para *v, size_t n, uint32_t x)
{
	size_t a = 0, z = n;

	while (a < z) {
		size_t m = a + (z - a) / 2;

		if (v[m].pos < x)
			a = m + 1;
		else
			z = m;
	}
	return a;
}

/* Is p shaped like running text: enough words, ending like a sentence,
 * with stop-word density sd of the document's language enough (step 3's
 * word tests, shared by the chrome counts and the scoring)? */
static int
sentence_shaped(const struct preset *ps, const struct boilerplate_para *p,
    float sd, int lang, int nostop)
{
	return p->words >= ps->min_words &&
	    (p->ends_sentence || p->words >= LONG_WORDS) &&
	    (nostop || (p->cjk && lang != LANG_JA) || sd >= ps->min_stop);
}

static int
is_sentence(const struct preset *ps, const struct boilerplate_para *p, int lang,
    int nostop)
{
	float sd = lang >= 0 && p->words > 0 ?
	    (float)p->hits[lang] / (float)p->words :
	    0;

	return p->link_density <= ps->link_max &&
	    sentence_shaped(ps, p, sd, lang, nostop);
}

/* Can the page's chrome marks be trusted?  Not when they leave less than
 * CHROME_MIN_TEXT words of running text unmarked: then a class name
 * ("content-sidebar-wrap") or a <header> wrapped the article itself. */
static int
chrome_counts(const struct preset *ps, const struct boilerplate_para *v,
    size_t n, int lang, int nostop, double *text)
{
	double in = 0, all = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!is_sentence(ps, &v[i], lang, nostop))
			continue;
		all += v[i].words;
		if (v[i].role == BLOCK_CHROME)
			in += v[i].words;
	}
	*text = all;
	return all - in >= ps->chrome_min_text;
}

/* When the page's chrome marks as a whole cannot be trusted, those of a
 * chrome element holding under CHROME_SMALL of the running text still
 * can: a newsletter box or an author bio inside a "content-sidebar-wrap"
 * that holds the article.  Sets each chrome paragraph's chrome_words to
 * the running text of its innermost chrome element, 0 for the others.
 * The paragraphs of element c lie after its first one and before the
 * first paragraph of an element opened earlier (or of none), so each
 * element is summed over its own span: the work is the paragraphs times
 * the depth of nesting. */
static void
chrome_sizes(const struct preset *ps, struct boilerplate_para *v, size_t n,
    int lang, int nostop)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		v[i].chrome_words = v[i].chrome ? -1 : 0; /* -1: not summed */
	for (i = 0; i < n; i++) {
		uint32_t c = v[i].chrome;
		double w = 0;

		if (v[i].chrome_words >= 0)
			continue;
		for (j = i; j < n && v[j].chrome >= c; j++)
			if (v[j].chrome == c &&
			    is_sentence(ps, &v[j], lang, nostop))
				w += v[j].words;
		for (j = i; j < n && v[j].chrome >= c; j++)
			if (v[j].chrome == c)
				v[j].chrome_words = (float)w;
	}
}

/* The maximum-sum run of score[from..to): [*start, *end).  Empty when
 * every score is negative. */
static void
best_run(const struct boilerplate_para *v, size_t from, size_t to,
    size_t *start, size_t *end)
{
	double best = 0, cur = 0;
	size_t i, cs = from;

	*start = *end = from;
	for (i = from; i < to; i++) {
		if (cur <= 0) {
			cur = v[i].score;
			cs = i;
		} else {
			cur += v[i].score;
		}
		if (cur > best) {
			best = cur;
			*start = cs;
			*end = i + 1;
		}
	}
}

/* Does paragraph i lead into text: is the next one (inside the main
 * box, or the main run) prose or a list item? */
static int
in_box(const struct boilerplate_para *p, uint32_t lo, uint32_t hi)
{
	return p->has_pos && p->pos >= lo && p->pos < hi;
}

static int
leads_in(const struct boilerplate_para *v, size_t n, size_t i, int boxed,
    uint32_t lo, uint32_t hi, size_t end)
{
	const struct boilerplate_para *q;

	if (i + 1 >= n || (!boxed && i + 1 >= end))
		return 0;
	q = &v[i + 1];
	if (boxed && !in_box(q, lo, hi))
		return 0;
	return q->prose || is_item(q);
}

/* The scores of the paragraphs inside b (cum must hold their running
 * sum). */
static double
box_sum(const struct boilerplate_para *v, size_t n, const struct record_box *b)
{
	size_t a = lower_pos(v, n, b->enter), z = lower_pos(v, n, b->exit);

	if (z <= a)
		return 0;
	return (double)v[z - 1].cum - (a > 0 ? (double)v[a - 1].cum : 0);
}

/* HTML: the page's main box, [*lo, *hi) in positions, as Readability
 * picks its candidate: each prose paragraph gives its words to its
 * innermost box and half of them to that box's parent (so an article
 * whose paragraphs each sit in a box of their own still adds up in the
 * common parent); the box with the most wins.  0 when there is none or
 * it holds nearly the whole page (the body). */
static int
main_box(const struct preset *ps, struct boilerplate_para *v, size_t n,
    const struct record_box *box, size_t nbox, int thread, float *score,
    uint32_t *lo, uint32_t *hi)
{
	size_t i, k, best = 0, blocks;
	double sum;

	for (k = 0; k < nbox; k++)
		score[k] = 0;
	for (i = 0; i < n; i++) {
		const struct boilerplate_para *p = &v[i];

		if (!p->has_pos)
			return 0;
		if (p->score <= 0 || p->box == 0 || p->box > nbox)
			continue;
		score[p->box - 1] += p->score;
		k = box[p->box - 1].parent;
		if (k > 0 && k <= nbox)
			score[k - 1] += p->score / 2;
	}
	for (k = 0; k < nbox; k++)
		if (box[k].content)
			score[k] *= ps->content_bonus;
	for (k = 1; k < nbox; k++)
		if (score[k] > score[best])
			best = k;
	if (nbox == 0 || score[best] <= 0)
		return 0;
	/* cum: the scores of the paragraphs so far; a line that no rule
	 * removed and that is not link text (a list item, a heading, a table
	 * cell, a line of code) weighs nothing here, not against its box:
	 * documentation and lists are made of such lines */
	for (i = 0, sum = 0; i < n; i++) {
		if (!(ps->neutral && v[i].rule == BOILERPLATE_KEPT &&
		        !v[i].prose && v[i].link_density <= NEUTRAL_LINKS &&
		        v[i].score < 0))
			sum += thread && v[i].score < 0 ?
			    v[i].score * ps->thread_cost :
			    v[i].score;
		v[i].cum = (float)sum;
	}
	/* of the box and its ancestors, the one whose paragraphs score
	 * most: the other columns of one article come in, the teasers
	 * beside it do not */
	{
		double top = box_sum(v, n, &box[best]);

		for (k = box[best].parent; k > 0 && k <= nbox;
		     k = box[k - 1].parent) {
			double x = box_sum(v, n, &box[k - 1]);

			if (x > top) {
				top = x;
				best = k - 1;
			}
		}
	}
	*lo = box[best].enter;
	*hi = box[best].exit;
	blocks = lower_pos(v, n, *hi) - lower_pos(v, n, *lo);
	return blocks < ps->box_max_share * (double)n;
}

/* Is v[i], a short line naming a comment section inside the main run
 * [.., end) after before words of prose, the heading that starts one?
 * A heading is short (comment_words words), not a link ("23 comments"
 * under a teaser), not a list item nor a line that goes on (ends in a
 * comma: code, "pub reply: bool,"); and what follows it is not longer
 * than comment_share of the article before it: a forum thread's
 * replies, or an article's subheading that mentions replies, are
 * followed by more text than a comment section is. */
static int
comment_heading(const struct preset *ps, const struct boilerplate_para *v,
    size_t i, size_t end, size_t before)
{
	const struct boilerplate_para *p = &v[i];
	size_t j, k, after = 0, sections = 0;

	if (p->words > ps->comment_words || p->link_density > ps->link_max ||
	    p->role == BLOCK_ITEM || p->role == BLOCK_CELL || p->ends_comma)
		return 0;
	for (j = i + 1; j < end && v[j].comments < COMMENTS_COUNTED; j++)
		if (v[j].prose)
			after += v[j].words;
	/* a count of comments heads them, however long they run: when
	 * what follows it up to the next count is longer than the article
	 * (a listing's teasers each count theirs, and are short) */
	if (p->comments == COMMENTS_COUNTED && after >= ps->comments_after &&
	    after >= before)
		return 1;
	/* a heading that names them (a count is not) and is followed by
	 * sections of the article's own (HTML headings without a comment
	 * word, each leading into prose) is one of its sections: "About
	 * Responses" in a web framework's guide */
	for (k = i + 1; p->comments != COMMENTS_COUNTED && k + 1 < end; k++)
		if (v[k].role == BLOCK_HEADING && !v[k].comments &&
		    v[k + 1].prose && v[k + 1].role != BLOCK_CHROME &&
		    ++sections >= COMMENT_SECTIONS)
			return 0;
	for (; j < end; j++)
		if (v[j].prose)
			after += v[j].words;
	return (double)after <= ps->comment_share * (double)before;
}

/* A lead: prose just before the first kept paragraph, separated from it
 * by at most LEAD_GAP short lines (a dateline, a byline, a caption), is
 * part of the article: pages put the standfirst in the article header,
 * outside the box of the body. */
static void
add_lead(const struct preset *ps, struct boilerplate_para *v, size_t n)
{
	size_t first, i, gap = 0;

	for (first = 0; first < n; first++)
		if (v[first].rule == BOILERPLATE_KEPT)
			break;
	for (i = first; i-- > 0;) {
		if (v[i].prose && v[i].rule == BOILERPLATE_OUTSIDE) {
			v[i].rule = BOILERPLATE_KEPT;
			gap = 0;
			continue;
		}
		if (v[i].prose || v[i].words > LEAD_GAP_WORDS ||
		    ++gap > ps->lead_gap)
			break;
	}
}

/* Steps 3 and 4: each paragraph's rule (so far), prose and score.
 * captions: a sentence-shaped caption is prose too.  Returns the number
 * of sentence-shaped captions. */
static size_t
score_all(const struct preset *ps, struct boilerplate_para *v, size_t n,
    int lang, int nostop, int chrome, double small, double big, int captions)
{
	size_t i, ncaptions = 0;

	for (i = 0; i < n; i++) {
		struct boilerplate_para *p = &v[i];
		int bad = 0, sentence;

		p->stop_density = lang >= 0 && p->words > 0 ?
		    (float)p->hits[lang] / (float)p->words :
		    0;
		p->rule = BOILERPLATE_KEPT;
		if (p->is_template)
			p->rule = BOILERPLATE_TEMPLATE;
		else if (p->role == BLOCK_CHROME &&
		    (chrome || (p->chrome != 0 && p->chrome_words < small)) &&
		    !(p->chrome != 0 && p->chrome_words >= big &&
		        !p->tag_chrome))
			p->rule = BOILERPLATE_STRUCTURE;
		else if (p->placeholder)
			p->rule = BOILERPLATE_PLACEHOLDER;
		else if (p->phrase >= 0)
			p->rule = BOILERPLATE_PHRASE;
		else if (p->link_density > ps->link_max)
			p->rule = BOILERPLATE_LINKS;
		bad = p->rule != BOILERPLATE_KEPT;
		sentence = !bad && !p->titles &&
		    sentence_shaped(ps, p, p->stop_density, lang, nostop);
		ncaptions += sentence && p->role == BLOCK_CAPTION;
		p->prose = sentence && !is_item(p) && p->repeated < 2 &&
		    (captions || p->role != BLOCK_CAPTION) && !p->credit;
		if (p->prose)
			p->score = (float)p->words;
		else if (sentence)
			p->score = p->role == BLOCK_ITEM ?
			    (float)p->words * ps->item_weight :
			    0;
		else
			p->score = -(p->words * ps->bad_weight > ps->bad_min ?
			        p->words * ps->bad_weight :
			        ps->bad_min);
	}
	return ncaptions;
}

/* The words and each language's stop words of v[0..n) summed, exactly.
 * With SSE2 the first 16 languages are added 8 to a register into 32-bit
 * lanes, emptied into hits[] every 65536 paragraphs (before a lane can
 * wrap); an 18-way loop per paragraph was 4.4% of the instructions on
 * the real-text bench corpus (make profile 50.3 -> 48.4 instructions
 * per input byte). */
static double
sum_hits(const struct boilerplate_para *v, size_t n,
    uint64_t hits[BOILERPLATE_NLANG])
{
	double words = 0;
	size_t i = 0, l;

	memset(hits, 0, BOILERPLATE_NLANG * sizeof(*hits));
#ifdef __SSE2__
	while (i < n) {
		const __m128i zero = _mm_setzero_si128();
		__m128i a0 = zero, a1 = zero, a2 = zero, a3 = zero;
		uint32_t lane[16];
		size_t stop = n - i > 65536 ? i + 65536 : n;

		for (; i < stop; i++) {
			__m128i x = _mm_loadu_si128(
			    (const __m128i *)(const void *)&v[i].hits[0]);
			__m128i y = _mm_loadu_si128(
			    (const __m128i *)(const void *)&v[i].hits[8]);

			words += v[i].words;
			a0 = _mm_add_epi32(a0, _mm_unpacklo_epi16(x, zero));
			a1 = _mm_add_epi32(a1, _mm_unpackhi_epi16(x, zero));
			a2 = _mm_add_epi32(a2, _mm_unpacklo_epi16(y, zero));
			a3 = _mm_add_epi32(a3, _mm_unpackhi_epi16(y, zero));
			for (l = 16; l < BOILERPLATE_NLANG; l++)
				hits[l] += v[i].hits[l];
		}
		_mm_storeu_si128((__m128i *)(void *)&lane[0], a0);
		_mm_storeu_si128((__m128i *)(void *)&lane[4], a1);
		_mm_storeu_si128((__m128i *)(void *)&lane[8], a2);
		_mm_storeu_si128((__m128i *)(void *)&lane[12], a3);
		for (l = 0; l < 16; l++)
			hits[l] += lane[l];
	}
#else
	for (; i < n; i++) {
		words += v[i].words;
		for (l = 0; l < BOILERPLATE_NLANG; l++)
			hits[l] += v[i].hits[l];
	}
#endif
	return words;
}

/* HTML: a prose line under a linked heading in a small box that holds
 * both, a teaser's summary, counts nothing (TEASER_WORDS): its score is
 * 0, so it draws neither the main run nor the main box; it stays prose
 * for the rules that read that (it is kept when the main box holds it). */
static void
teasers(const struct preset *ps, struct boilerplate_para *v, size_t n,
    const struct record_box *box, size_t nbox)
{
	size_t i;

	if (ps->teaser_words == 0)
		return;
	for (i = 1; i < n; i++) {
		const struct boilerplate_para *h = &v[i - 1];
		const struct record_box *b;

		if (!v[i].prose || v[i].words < ps->teaser_words ||
		    h->rule != BOILERPLATE_LINKS || h->role != BLOCK_HEADING ||
		    h->anchors || !h->has_pos || v[i].box == 0 ||
		    v[i].box > nbox)
			continue;
		b = &box[v[i].box - 1];
		if (h->pos >= b->enter && h->pos < b->exit &&
		    lower_pos(v, n, b->exit) - lower_pos(v, n, b->enter) <=
		        TEASER_BLOCKS)
			v[i].score = 0;
	}
}

static int
classify(const struct boilerplate *b, const struct preset *ps,
    struct boilerplate_para *v, size_t n, const struct record_box *box,
    size_t nbox, int thread, float *score)
{
	uint64_t hits[BOILERPLATE_NLANG]; /* exact, as doubles */
	double words, small, big, text;
	size_t i, start, end, prose_words, ncaptions, first, last, tail;
	uint32_t lo = 0, hi = 0;
	int lang = -1, l, nostop, chrome, boxed, kf;

	if (b->opt.mode == BOILERPLATE_OFF) {
		for (i = 0; i < n; i++)
			v[i].rule = BOILERPLATE_KEPT;
		return -1;
	}
	words = sum_hits(v, n, hits);
	lang = b->opt.lang;
	if (lang < 0) {
		for (l = 0; l < BOILERPLATE_NLANG; l++)
			if (hits[l] > 0 && (lang < 0 || hits[l] > hits[lang]))
				lang = l;
	}
	nostop = lang < 0 || (double)hits[lang] < LANG_MIN_SHARE * words;
	chrome = chrome_counts(ps, v, n, lang, nostop, &text);
	small = 0;
	chrome_sizes(ps, v, n, lang, nostop);
	if (!chrome)
		small = ps->chrome_small * text;
	/* a chrome element holding most of the running text is a wrapper
	 * named by mistake, not chrome */
	big = text > 0 ? ps->chrome_big * text : 1e30;

	ncaptions = score_all(ps, v, n, lang, nostop, chrome, small, big, 0);
	teasers(ps, v, n, box, nbox);
	best_run(v, 0, n, &start, &end);
	/* a page whose only running text is its captions (a slideshow) */
	if (start == end && ncaptions > 0) {
		score_all(ps, v, n, lang, nostop, chrome, small, big, 1);
		teasers(ps, v, n, box, nbox);
		best_run(v, 0, n, &start, &end);
	}
	if (start == end) {
		for (i = 0; i < n; i++)
			if (v[i].rule == BOILERPLATE_KEPT)
				v[i].rule = BOILERPLATE_NO_TEXT;
		return nostop ? -1 : lang;
	}
	prose_words = 0;
	for (i = start; i < end; i++) {
		if (!thread && v[i].comments &&
		    prose_words >= ps->comments_after &&
		    comment_heading(ps, v, i, end, prose_words)) {
			size_t cut = i;

			best_run(v, start, cut, &start, &end);
			for (; cut < n; cut++)
				if (v[cut].rule == BOILERPLATE_KEPT)
					v[cut].rule = BOILERPLATE_COMMENTS;
			break;
		}
		if (v[i].prose)
			prose_words += v[i].words;
	}
	boxed =
	    nbox > 0 && main_box(ps, v, n, box, nbox, thread, score, &lo, &hi);
	/* in the main box of a page, the normal preset keeps every line
	 * that no rule removed: subheadings, recipe steps, table cells */
	kf = boxed && ps->keep_fragments == 1 ? 2 : ps->keep_fragments;
	first = last = end;
	for (i = start; i < end; i++)
		if (v[i].prose) {
			first = first == end ? i : first;
			last = i;
		}
	/* the tail: what follows the article's last kept prose line
	 * (inside the main box or the main run) and the lines kept right
	 * after it (its sign-off, a source line), from the first line
	 * removed or outside on; only a page with a main box has one */
	tail = n;
	for (i = boxed ? n : 0; i-- > 0;)
		if (v[i].rule == BOILERPLATE_KEPT &&
		    (v[i].prose || is_item(&v[i])) &&
		    ((i >= start && i < end) || in_box(&v[i], lo, hi))) {
			tail = i;
			break;
		}
	if (tail < n)
		while (++tail < n && v[tail].rule == BOILERPLATE_KEPT &&
		    in_box(&v[tail], lo, hi))
			;
	for (i = 0; i < n; i++) {
		struct boilerplate_para *p = &v[i];
		int in_run = i >= start && i < end;
		int boxin = boxed && in_box(p, lo, hi);
		int inside = boxed ? boxin || (in_run && p->prose) : in_run;

		/* a teaser inside the main box whose link text is a summary
		 * of sentences (a news list, an award list) is the box's
		 * text: links decide only on short lines */
		if (p->rule == BOILERPLATE_LINKS && boxin &&
		    p->words >= ps->link_summary_words &&
		    sentence_shaped(ps, p, p->stop_density, lang, nostop)) {
			p->rule = BOILERPLATE_KEPT;
			continue;
		}
		/* a heading or list item that is a link, between the
		 * article's paragraphs in its box, leading into text and not
		 * after another link line: the title of a section or of a
		 * product in a list; link headings one after another are
		 * teasers */
		if (p->rule == BOILERPLATE_LINKS && boxin && first != end &&
		    i > first && i < last &&
		    (p->role == BLOCK_HEADING || p->role == BLOCK_ITEM) &&
		    v[i + 1].rule == BOILERPLATE_KEPT &&
		    v[i - 1].link_density <= ps->link_max) {
			p->rule = BOILERPLATE_KEPT;
			continue;
		}
		if (p->rule != BOILERPLATE_KEPT)
			continue;
		if (!inside) {
			p->rule = BOILERPLATE_OUTSIDE;
		} else if (p->prose) {
			continue;
		} else if (p->role == BLOCK_CAPTION || p->credit) {
			p->rule = BOILERPLATE_FRAGMENT;
		} else if (is_item(p)) {
			continue;
		} else if (boxed && i > tail &&
		    (p->repeated || !leads_in(v, n, i, boxed, lo, hi, end))) {
			/* in the main box's tail a line that is not prose
			 * is kept as outside a box: when it leads into text */
			p->rule = BOILERPLATE_FRAGMENT;
		} else if (kf == 0 ||
		    (kf == 1 &&
		        (p->repeated ||
		            !leads_in(v, n, i, boxed, lo, hi, end)))) {
			p->rule = BOILERPLATE_FRAGMENT;
		}
	}
	add_lead(ps, v, n);
	return nostop ? -1 : lang;
}

unsigned
boilerplate_repeat_words(const struct boilerplate *b)
{
	return b->preset.repeat_words;
}

/* Words kept and the running text of v[0..n). */
static void
kept_words(
    const struct boilerplate_para *v, size_t n, double *kept, double *text)
{
	size_t i;

	*kept = *text = 0;
	for (i = 0; i < n; i++) {
		if (v[i].rule == BOILERPLATE_KEPT)
			*kept += v[i].words;
		if (v[i].words >= 7 && v[i].ends_sentence)
			*text += v[i].words;
	}
}

/* Step 10: keep the page's list (LIST_PROSE). */
static void
keep_list(const struct preset *ps, struct boilerplate_para *v, size_t n)
{
	double list = 0, kept = 0, prose = 0, held = 0;
	size_t i;

	if (ps->list_prose == 0)
		return;
	for (i = 0; i < n; i++) {
		if (v[i].in_list) {
			list += v[i].words;
			if (v[i].rule == BOILERPLATE_KEPT && v[i].prose)
				held += v[i].words;
		} else if (v[i].rule == BOILERPLATE_KEPT) {
			kept += v[i].words;
			if (v[i].prose)
				prose += v[i].words;
		}
	}
	/* a list whose prose the text holds already (an article's
	 * paragraphs, each in its own <div class="para">) is not to be
	 * filled up with its link lines */
	if (list == 0 || list < kept || prose > ps->list_prose ||
	    held >= LIST_HELD * list)
		return;
	for (i = 0; i < n; i++)
		if (v[i].in_list && v[i].rule != BOILERPLATE_PHRASE &&
		    v[i].rule != BOILERPLATE_PLACEHOLDER &&
		    v[i].rule != BOILERPLATE_TEMPLATE)
			v[i].rule = BOILERPLATE_KEPT;
}

static int classify_page(const struct boilerplate *b,
    struct boilerplate_para *v, size_t n, const struct record_box *box,
    size_t nbox, int thread, float *score);

/* Step 11, HTML: a kept heading that heads nothing kept goes.  Whether a
 * heading heads something is kept in its cum (1: it does), read by the
 * headings above it: the pass runs from the page's end.  A title of the
 * page's list stays, but heads nothing for the heading over the list (a
 * teaser strip's title over its cards). */
static void
drop_orphan_headings(struct boilerplate_para *v, size_t n)
{
	size_t i, j;
	int gap, text = 0;

	/* a page whose text is all headings keeps them */
	for (i = 0; i < n && !text; i++)
		text = v[i].rule == BOILERPLATE_KEPT &&
		    v[i].role != BLOCK_HEADING && v[i].words > 0;
	if (!text)
		return;
	for (i = n; i-- > 0;) {
		if (v[i].role != BLOCK_HEADING)
			continue;
		v[i].cum = 0;
		if (v[i].rule != BOILERPLATE_KEPT || v[i].prose || v[i].in_list)
			continue;
		gap = 0;
		for (j = i + 1; j < n; j++) {
			if (v[j].role == BLOCK_HEADING &&
			    v[j].rule == BOILERPLATE_KEPT) {
				v[i].cum =
				    v[j].prose || (!gap && v[j].cum != 0);
				break;
			}
			/* a removed heading ("Advertisement") ends no
			 * section */
			if (v[j].role == BLOCK_HEADING)
				continue;
			if (v[j].rule == BOILERPLATE_KEPT) {
				v[i].cum = 1;
				break;
			}
			if (v[j].words > 0)
				gap = 1;
		}
		if (v[i].cum == 0)
			v[i].rule = BOILERPLATE_FRAGMENT;
	}
}

int
boilerplate_classify(const struct boilerplate *b, struct boilerplate_para *v,
    size_t n, const struct record_box *box, size_t nbox, int thread,
    float *score)
{
	int lang = classify_page(b, v, n, box, nbox, thread, score);

	if (b->opt.mode != BOILERPLATE_OFF && nbox > 0) {
		keep_list(&b->preset, v, n);
		drop_orphan_headings(v, n);
	}
	return lang;
}

/* Step 9, text: when what is kept is under FALLBACK_WORDS words and
 * under FALLBACK_SHARE of the page's words, the page is no article (a
 * listing, a shop's page) but has some prose; as the HTML path takes the
 * page's list or its text without the link rules, keep each line with a
 * word that was left out only for not being the article (outside the
 * main run, a fragment).  Phrases, placeholders, site templates and
 * repeats stay out; a page with no prose at all stays empty. */
static void
keep_lines(const struct preset *ps, struct boilerplate_para *v, size_t n)
{
	double kept = 0, all = 0;
	size_t i;

	/* most pages are articles: stop at their fallback_words-th word */
	for (i = 0; i < n; i++)
		if (v[i].rule == BOILERPLATE_KEPT &&
		    (kept += v[i].words) >= ps->fallback_words)
			return;
	for (i = 0; i < n; i++)
		all += v[i].words;
	if (kept >= ps->fallback_share * all)
		return;
	for (i = 0; i < n; i++)
		if (v[i].words > 0 &&
		    (v[i].rule == BOILERPLATE_OUTSIDE ||
		        v[i].rule == BOILERPLATE_FRAGMENT))
			v[i].rule = BOILERPLATE_KEPT;
}

/* Steps 1-9 of a document. */
static int
classify_page(const struct boilerplate *b, struct boilerplate_para *v, size_t n,
    const struct record_box *box, size_t nbox, int thread, float *score)
{
	struct preset relaxed;
	double kept, text;
	int lang = classify(b, &b->preset, v, n, box, nbox, thread, score);

	if (b->opt.mode == BOILERPLATE_OFF)
		return lang;
	if (nbox == 0) {
		keep_lines(&b->preset, v, n);
		return lang;
	}
	/* the text chosen is empty or tiny beside the page's running text:
	 * its marks misled (a page of link cards, a listing, chrome named
	 * by a framework); as Readability, try again with the filters off
	 * (link density, chrome), and take that when it keeps more */
	kept_words(v, n, &kept, &text);
	if (kept >= b->preset.fallback_words ||
	    kept >= b->preset.fallback_share * text)
		return lang;
	relaxed = b->preset;
	relaxed.link_max = 1.01f;
	relaxed.chrome_min_text = UINT32_MAX;
	relaxed.chrome_small = 0;
	relaxed.chrome_big = 0;
	{
		double again, t2;
		int l2 = classify(b, &relaxed, v, n, box, nbox, thread, score);

		kept_words(v, n, &again, &t2);
		if (again > kept)
			return l2;
	}
	return classify(b, &b->preset, v, n, box, nbox, thread, score);
}

/* Does the plain word s[0..len) fold to itself, one word? */
static int
folds_to_itself(struct normalizer *n, const char *s, size_t len,
    struct wn_buf *text, struct normalize_key *key)
{
	char word[64];

	if (len >= sizeof(word))
		return 0; /* no word of the lists is this long */
	memcpy(word, s, len);
	word[len] = '\0';
	return fold(n, word, text, key) == 0 && key->nwords == 1 &&
	    key->text.len == len && memcmp(key->text.data, word, len) == 0;
}

int
boilerplate_plain_ok(void)
{
	struct normalizer *n = normalize_new();
	struct wn_buf text = { NULL, 0, 0 };
	struct normalize_key key;
	const char *const *lists[] = { cookie_words, cookie_context,
		comment_words, reply_words };
	const size_t sizes[] = { NWORDS(cookie_words), NWORDS(cookie_context),
		NWORDS(comment_words), NWORDS(reply_words) };
	size_t i, k, len, checked = 0;
	int lang, ok = n != NULL;

	memset(&key, 0, sizeof(key));
	for (k = 0; ok && k < sizeof(sizes) / sizeof(sizes[0]); k++)
		for (i = 0; ok && i < sizes[k]; i++) {
			const char *w = lists[k][i];

			len = strlen(w);
			if (plain_word(w, len)) {
				ok = folds_to_itself(n, w, len, &text, &key);
				checked++;
			}
		}
	for (lang = 0; ok && lang < STOPWORD_NLANG; lang++) {
		const char *p = stopword_list[lang], *w;

		while (ok && (w = list_word(&p, &len)) != NULL)
			if (plain_word(w, len)) {
				ok = folds_to_itself(n, w, len, &text, &key);
				checked++;
			}
	}
	normalize_free(n);
	wn_buf_free(&text);
	normalize_key_free(&key);
	return ok && checked > 1000;
}
