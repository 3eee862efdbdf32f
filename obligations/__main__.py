import sys

from obligations.cli.main import main

sys.exit(main())
