winnow --to=text -n $DATA/good-whirlwind.warc.wet
