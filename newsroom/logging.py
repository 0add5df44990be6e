"""Log records as one JSON object per line, for log collectors."""

import json
import logging

from gunicorn.glogging import Logger as GunicornLogger


class JSONFormatter(logging.Formatter):
    """level, logger, message and (for errors) the exception, as a JSON line."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class GunicornJSONLogger(GunicornLogger):
    """gunicorn's access log as one JSON line per request, with no address or query string.

    The client's address, the query string and the cookies (which hold the consent ID) are
    left out on purpose; json.dumps keeps a hostile path from breaking the line.
    """

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        entry = {
            "time": self.now().strip("[]"),
            "method": atoms["m"],
            "path": atoms["U"],
            "status": int(atoms["s"]) if str(atoms["s"]).isdigit() else atoms["s"],
            "bytes": atoms["B"],
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
        }
        self.access_log.info(json.dumps(entry, ensure_ascii=False))
