from defnews.cli import main

main()
