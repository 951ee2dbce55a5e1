winnow --to=text -n --keep-boilerplate -
