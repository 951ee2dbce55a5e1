winnow --date=2026-11-05 -n --keep-boilerplate -
