winnow --to=text -n $SEEDS/002_53daac0d9df4b3ef.txt
