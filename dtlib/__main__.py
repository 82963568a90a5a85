import sys

try:
    from .cli import main
except KeyboardInterrupt:   # Ctrl-C while the libraries load: as later, one line and status 130
    print("interrupted", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
