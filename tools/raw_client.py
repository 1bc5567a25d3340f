"""A client that speaks Streamlit's websocket protocol without a browser, as an attacker's script
would: it asks for script runs with whatever widget values it likes."""

from __future__ import annotations

import json
from contextlib import ExitStack
from urllib.parse import urlparse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

RUN_TIMEOUT = 120.0  # seconds to wait for a run's next message
MAX_RERUNS = 3  # runs that ask for another (Send's asks once), read on before ``run`` returns


class RawSession:
    """One browserless session of the app at ``url``: ``run`` asks for a script run and returns
    what the server sent back until that run finished, and the runs it asked for (Send reruns
    the join page's turn to show the answers), MAX_RERUNS at most."""

    def __init__(self, url: str, max_size: int = 64 * 2**20):
        address = urlparse(url)
        self._closing = ExitStack()
        self._socket = self._closing.enter_context(
            connect(f"ws://{address.netloc}/_stcore/stream", subprotocols=["streamlit"], max_size=max_size)
        )
        self.widgets: dict[str, str] = {}  # widget id -> its element type, from the last run

    def close(self) -> None:
        self._closing.close()

    def __enter__(self) -> RawSession:
        return self

    def __exit__(self, *_) -> None:
        self.close()

    def run(
        self,
        page: str,
        query: str = "",
        json_values: dict[str, object] | None = None,
        triggers: tuple[str, ...] = (),
    ) -> list[ForwardMsg]:
        """One script run of ``page`` (its url path) with these widget values; its messages."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string, state.page_name = query, page
        for widget_id, value in (json_values or {}).items():
            widget = state.widget_states.widgets.add(id=widget_id)
            widget.json_value = value if isinstance(value, str) else json.dumps(value)
        for widget_id in triggers:
            state.widget_states.widgets.add(id=widget_id, trigger_value=True)
        self._socket.send(message.SerializeToString())
        return self._until_finished()

    def _until_finished(self) -> list[ForwardMsg]:
        messages, reruns = [], 0
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(self._socket.recv(timeout=RUN_TIMEOUT))
            messages.append(forward)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                kind_of_element = element.WhichOneof("type")
                widget_id = getattr(getattr(element, kind_of_element), "id", "")
                if widget_id:
                    self.widgets[widget_id] = kind_of_element
            if kind != "script_finished":
                continue
            reruns += forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN
            if forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN or reruns > MAX_RERUNS:
                return messages
