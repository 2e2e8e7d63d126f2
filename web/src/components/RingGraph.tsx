import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { ROLE_COLORS } from '../lib/colors.ts';

const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';

export interface GraphNode {
  id: string; label: string; role: string; member: boolean; /** order on the circle layout (money-flow order) */ rank: number;
  /** On the known-bad list (drawn with a thick dark-red ring). */
  listed?: boolean;
  /** An account of the finding's structure that is not a member (drawn in its role's colour, dashed). */
  structure?: boolean;
}
export interface GraphEdge { id: string; source: string; target: string; label: string; inFinding: boolean }

/**
 * A ring's subgraph drawn with Cytoscape.js: drag to pan, wheel or buttons to zoom, double-click a
 * node (or use the member list) to expand it by one hop. Nodes are coloured by role; edges are
 * labelled with amount and time. The ids of the drawn nodes are mirrored in `data-nodes` so tests
 * and assistive tools can read what is on the canvas.
 */
export function RingGraph({ nodes, edges, onExpand, label }: {
  nodes: GraphNode[];
  edges: GraphEdge[];
  onExpand?: (nodeId: string) => void;
  label: string;
}) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const expandRef = useRef(onExpand);
  expandRef.current = onExpand;

  useEffect(() => {
    // Cytoscape prepends a <style> element (its container's `position: relative`) unless an
    // element with this id exists; the server's Content-Security-Policy refuses inline styles, so
    // styles.css carries the rule and this placeholder keeps Cytoscape from trying.
    if (!document.getElementById(CYTOSCAPE_STYLESHEET_ID)) {
      const placeholder = document.createElement('meta');
      placeholder.id = CYTOSCAPE_STYLESHEET_ID;
      document.head.append(placeholder);
    }
    const c = cytoscape({
      container: el.current!,
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: {
          'background-color': 'data(color)', label: 'data(label)', color: '#1f2328', 'font-size': 10,
          'text-valign': 'bottom', 'text-margin-y': 4, width: 14, height: 14, 'border-width': 1, 'border-color': '#ffffff',
          'min-zoomed-font-size': 7,
        } },
        { selector: 'node[?member]', style: { width: 26, height: 26, 'font-size': 11, 'font-weight': 'bold', 'border-width': 2 } },
        { selector: 'node[?structure]', style: { width: 20, height: 20, 'border-color': '#1f2328', 'border-width': 2, 'border-style': 'dashed' } },
        { selector: 'node[?listed]', style: { 'border-color': '#8e1b12', 'border-width': 5 } },
        { selector: 'node:selected', style: { 'border-color': '#0969da', 'border-width': 4 } },
        { selector: 'edge', style: {
          width: 1.5, 'line-color': '#8c959f', 'target-arrow-color': '#8c959f', 'target-arrow-shape': 'triangle',
          'curve-style': 'bezier', label: 'data(label)', 'font-size': 8, color: '#57606a', 'text-rotation': 'autorotate',
          'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': '1px',
          'min-zoomed-font-size': 7, opacity: 0.7,
        } },
        { selector: 'edge[?inFinding]', style: { width: 3, 'line-color': '#0d2740', 'target-arrow-color': '#0d2740', color: '#1f2328', opacity: 1 } },
      ],
    });
    c.on('dbltap', 'node', (e) => expandRef.current?.(e.target.id()));
    cy.current = c;
    return () => {
      c.destroy();
      cy.current = null;
    };
  }, []);

  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    const wanted = new Set([...nodes.map((n) => n.id), ...edges.map((e) => `e:${e.id}`)]);
    c.elements().filter((x) => !wanted.has(x.id())).remove();
    const add: ElementDefinition[] = [];
    for (const n of nodes) {
      const data = {
        id: n.id, label: n.label, role: n.role, member: n.member, structure: n.structure ?? false, rank: n.rank, listed: n.listed ?? false,
        color: ROLE_COLORS[n.role] ?? ROLE_COLORS.context,
      };
      const existing = c.getElementById(n.id);
      if (existing.nonempty()) existing.data(data);
      else add.push({ group: 'nodes', data });
    }
    for (const e of edges) {
      if (c.getElementById(`e:${e.id}`).nonempty()) continue;
      add.push({ group: 'edges', data: { id: `e:${e.id}`, source: e.source, target: e.target, label: e.label, inFinding: e.inFinding } });
    }
    if (add.length) c.add(add);
    // A ring alone reads best on a circle in money-flow order (cycles, chains, fans); bigger
    // neighbourhoods need a force layout. The circle is placed here because cytoscape's circle
    // layout ignores its `sort` option (3.34: positions are assigned in the unsorted order).
    let layout: cytoscape.LayoutOptions;
    if (c.nodes().length <= 24) {
      const ordered = c.nodes().toArray().sort((a, b) => a.data('rank') - b.data('rank'));
      const radius = Math.max(120, ordered.length * 30);
      const at = new Map(ordered.map((n, i) => {
        const angle = -Math.PI / 2 + (2 * Math.PI * i) / ordered.length;
        return [n.id(), { x: radius * Math.cos(angle), y: radius * Math.sin(angle) }];
      }));
      layout = { name: 'preset', fit: true, padding: 40, positions: (n: cytoscape.NodeSingular) => at.get(n.id()) ?? { x: 0, y: 0 } } as cytoscape.LayoutOptions;
    } else {
      layout = { name: 'cose', animate: false, fit: true, padding: 30, nodeRepulsion: () => 9000, idealEdgeLength: () => 110 } as cytoscape.LayoutOptions;
    }
    c.layout(layout).run();
    // Do not blow a few nodes up to fill the canvas: labels stay readable.
    if (c.zoom() > 1.3) {
      c.zoom(1.3);
      c.center();
    }
    el.current?.setAttribute('data-nodes', c.nodes().map((n) => n.id()).sort().join(' '));
    el.current?.setAttribute('data-edges', String(c.edges().length));
  }, [nodes, edges]);

  const zoom = (factor: number) => {
    const c = cy.current;
    if (!c) return;
    c.zoom({ level: c.zoom() * factor, renderedPosition: { x: c.width() / 2, y: c.height() / 2 } });
  };
  return (
    <div>
      <div className="row" role="toolbar" aria-label={t('rings.graphTools')}>
        <button type="button" className="btn btn-small" onClick={() => zoom(1.25)}>{t('rings.zoomIn')}</button>
        <button type="button" className="btn btn-small" onClick={() => zoom(0.8)}>{t('rings.zoomOut')}</button>
        <button type="button" className="btn btn-small" onClick={() => cy.current?.fit(undefined, 30)}>{t('rings.fit')}</button>
        <span className="muted">{t('rings.graphHint')}</span>
      </div>
      <div className="legend" aria-hidden="true">
        {['source', 'mule', 'sink', 'context'].map((r) => <span key={r}><i style={{ background: ROLE_COLORS[r] }} />{t(`rings.roles.${r}`)}</span>)}
        {nodes.some((n) => n.structure) && <span><i className="legend-structure" />{t('rings.structure')}</span>}
      </div>
      <div ref={el} className="graph" role="img" aria-label={label} data-testid="ring-graph" />
    </div>
  );
}
