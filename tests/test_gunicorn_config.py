import gc
import os
import runpy
from pathlib import Path
from unittest import mock

from django.test import SimpleTestCase
from gunicorn.app.base import Application

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


class ConfigurationFile(Application):
    """gunicorn's settings as `gunicorn -c newsroom/gunicorn.conf.py` reads them."""

    def load_config(self):
        # gunicorn skips a name it does not know: only its own settings count here.
        self.load_config_from_file(str(CONFIG))

    def load(self):
        raise NotImplementedError


class ControlSocketTests(SimpleTestCase):
    def test_no_control_socket_unless_one_is_asked_for(self):
        # gunicorn's default is one path per user: a second instance on the host (blue/green,
        # a test run beside `make run`) would take it over, and delete it when it stops.
        with mock.patch.dict(os.environ):
            os.environ.pop("GUNICORN_CONTROL_SOCKET", None)
            config = ConfigurationFile().cfg
        self.assertIs(config.control_socket_disable, True)

    def test_the_control_socket_is_where_gunicorn_control_socket_says(self):
        path = "/run/newsroom/blue.ctl"
        with mock.patch.dict(os.environ, GUNICORN_CONTROL_SOCKET=path):
            config = ConfigurationFile().cfg
        self.assertIs(config.control_socket_disable, False)
        self.assertEqual(config.control_socket, path)
