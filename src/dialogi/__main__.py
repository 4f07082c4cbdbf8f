from dialogi.cli import main

main()
