winnow -n --keep-boilerplate -
