winnow --to=text -n $DATA/page.html
