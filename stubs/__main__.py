from stubs.cli import main

main()
