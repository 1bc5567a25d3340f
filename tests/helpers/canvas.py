"""What the drawing canvas shows, read in the page (the component draws in its shadow root)."""

# Whether the canvas shows a white stroke at (x, y), in the canvas's pixels
STROKE_AT = """([x, y]) => {
    const host = [...document.querySelectorAll("*")].find(
        (element) => element.shadowRoot?.querySelector("canvas.dc-canvas.lower-canvas"));
    if (!host) return false;  // not drawn yet
    const canvas = host.shadowRoot.querySelector("canvas.dc-canvas.lower-canvas");
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    return canvas.getContext("2d").getImageData(x * scale, y * scale, 1, 1).data[0] > 200;
}"""
