import sys

from ita_extract.pipeline.entry import main

sys.exit(main())
