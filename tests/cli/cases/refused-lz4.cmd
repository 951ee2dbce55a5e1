winnow -n -
