"""Runs every browser test (`python3 -m unittest discover` with the same output), then refuses
skips when CONGKHAI_NO_SKIPS is set, as .ci/run sets it: on a developer's machine a test whose
tool is missing stays a visible skip, in CI it is a failure, since CI installs every tool
(scripts/install-deps --test)."""
import os
import sys
import unittest

here = os.path.dirname(os.path.abspath(__file__))
# An optional file pattern runs part of the suite: `python3 Tests/browser/run.py test_quality.py`.
pattern = sys.argv[1] if len(sys.argv) > 1 else "test*.py"
suite = unittest.defaultTestLoader.discover(here, pattern=pattern, top_level_dir=here)
result = unittest.TextTestRunner(verbosity=2).run(suite)
if not result.wasSuccessful():
    sys.exit(1)
if result.skipped and os.environ.get("CONGKHAI_NO_SKIPS"):
    print(f"\n{len(result.skipped)} test(s) skipped, and CONGKHAI_NO_SKIPS forbids skips:", file=sys.stderr)
    for test, why in result.skipped:
        print(f"  {test.id()}: {why}", file=sys.stderr)
    sys.exit(1)
