"""cluster step: articles -> stories (groups of article ids), batch mode."""

from newsweave.cluster.cluster import cluster_articles
from newsweave.cluster.config import ClusterConfig

__all__ = ["ClusterConfig", "cluster_articles"]
