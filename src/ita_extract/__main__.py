import sys

from ita_extract.pipeline.cli import main

sys.exit(main())
