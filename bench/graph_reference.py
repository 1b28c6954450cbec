#!/usr/bin/python3
"""Times networkx and python-igraph (Debian's python3-networkx, python3-igraph) on an edge list,
for comparison with Lantern's graph algorithms. Usage: graph_reference.py TASK EDGES [SAMPLE]
TASK: pagerank | components | betweenness. Prints one JSON object per library."""
import json
import sys
import time

import igraph
import networkx

task, path = sys.argv[1], sys.argv[2]
sample = int(sys.argv[3]) if len(sys.argv) > 3 else 0
edges = [tuple(line.split()) for line in open(path)]

graph = networkx.Graph()
graph.add_edges_from(edges)
started = time.perf_counter()
if task == "pagerank":
    networkx.pagerank(graph, alpha=0.85, tol=1e-12)
elif task == "components":
    sum(1 for _ in networkx.connected_components(graph))
else:
    # Exact betweenness in pure Python takes hours at this size: time k sources, scale to all.
    networkx.betweenness_centrality(graph, k=sample, seed=1, normalized=True)
elapsed = time.perf_counter() - started
if task == "betweenness":
    elapsed *= graph.number_of_nodes() / sample
print(json.dumps({"library": "networkx " + networkx.__version__, "task": task, "seconds": elapsed, "extrapolated": task == "betweenness"}))

names = {}
pairs = [(names.setdefault(a, len(names)), names.setdefault(b, len(names))) for a, b in edges]
ig = igraph.Graph(n=len(names), edges=pairs, directed=False).simplify()
started = time.perf_counter()
if task == "pagerank":
    ig.pagerank(damping=0.85)
elif task == "components":
    len(ig.connected_components())
else:
    ig.betweenness(directed=False)
print(json.dumps({"library": "igraph " + igraph.__version__, "task": task, "seconds": time.perf_counter() - started, "extrapolated": False}))
