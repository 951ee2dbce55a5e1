winnow -n missing.txt
