"""The Classify page's widget keys, once (components/state.py says where every session key is
named; a module the tests import without the canvas component)."""

SOURCE, MODELS = "classify_source", "classify_models"
TOOL, BRUSH, CANVAS, UPLOAD = "classify_tool", "classify_brush", "classify_canvas_{}", "classify_upload"
CLEAR = "classify_clear"  # a touch screen's Clear under the canvas (no toolbar there); CANVAS: its count
HEATMAP_METHOD = "classify_heatmap_method"
PHOTO_GALLERY = "classify_photo_gallery"  # "What the photo model learned from", open or closed
