"""Where to click a feature on the app's map, for the browser tests and the app benchmark."""

from __future__ import annotations

# Screen position of one feature's click target in the visible map farthest from every other
# feature's targets (each target is an invisible marker carrying the feature id in customdata).
CLICK_TARGET_JS = """(fid) => {
    const gd = document.querySelector('.st-key-map .js-plotly-plot');
    const svg = gd.querySelector('.main-svg').getBoundingClientRect();
    // The drawn panels (the overview and the detail), in the figure's pixels.
    const panels = Object.keys(gd._fullLayout).filter(k => /^geo\\d*$/.test(k)).map(k => gd._fullLayout[k]._subplot.bounds);
    const inside = (x, y) => panels.some(geo => x > svg.x + geo[0][0] + 4 && x < svg.x + geo[1][0] - 4
        && y > svg.y + geo[0][1] + 4 && y < svg.y + geo[1][1] - 4);
    const groups = {};
    gd.querySelectorAll('.geolayer .scatterlayer .trace').forEach(g => {
        const calc = g.__data__;
        const first = Array.isArray(calc) ? calc[0] : calc;
        if (first && first.trace) groups[first.trace.index] = g;
    });
    const mine = [], others = [];
    gd._fullData.forEach((trace, t) => {
        if (!trace.customdata || trace.visible === false) return;
        const nodes = groups[t] ? groups[t].querySelectorAll('path.point') : [];
        Array.from(trace.customdata).forEach((id, i) => {
            const key = Array.isArray(id) ? id[0] : id;
            const node = nodes[i];
            if (!node) return;
            const box = node.getBoundingClientRect();
            const point = {x: box.x + box.width / 2, y: box.y + box.height / 2};
            if (!inside(point.x, point.y)) return;
            (key === fid ? mine : others).push(point);
        });
    });
    if (!mine.length) return null;
    const clearance = p => Math.min(1e9, ...others.map(o => Math.hypot(p.x - o.x, p.y - o.y)));
    const best = mine.reduce((b, p) => clearance(p) > clearance(b) ? p : b, mine[0]);
    return {x: best.x, y: best.y, clearance: clearance(best)};
}"""

CLICKABLE_IDS_JS = """() => {
    const gd = document.querySelector('.st-key-map .js-plotly-plot');
    const ids = [];
    gd._fullData.forEach(trace => Array.from(trace.customdata || []).forEach(id => {
        const key = Array.isArray(id) ? id[0] : id;
        if (typeof key === 'string' && !ids.includes(key)) ids.push(key);
    }));
    return ids;
}"""
