winnow --near=2
