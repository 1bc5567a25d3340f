"""The Classify page's widget keys, once (a module the tests import without the canvas component)."""

SOURCE, MODELS = "classify_source", "classify_models"
TOOL, BRUSH, CANVAS, UPLOAD = "classify_tool", "classify_brush", "classify_canvas", "classify_upload"
# The canvas's objects (JSON), those it was given when it last mounted, and its last picture (RGBA).
DRAWING, DRAWING_AT_MOUNT, DRAWN_PIXELS = "classify_drawing", "classify_drawing_at_mount", "classify_pixels"
