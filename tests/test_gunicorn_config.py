import gc
import runpy
from pathlib import Path

from django.test import SimpleTestCase

CONFIG = Path(__file__).resolve().parent.parent / "newsroom" / "gunicorn.conf.py"


class PreForkTests(SimpleTestCase):
    def setUp(self):
        self.config = runpy.run_path(str(CONFIG))
        gc.unfreeze()
        self.addCleanup(gc.unfreeze)

    def test_the_loaded_application_is_frozen_out_of_the_collectors_reach_before_a_fork(self):
        # A worker forked from the master then neither walks nor copies what the master loaded.
        self.assertEqual(gc.get_freeze_count(), 0)
        self.config["pre_fork"](server=None, worker=None)
        self.assertGreater(gc.get_freeze_count(), 0)
