winnow --nope
