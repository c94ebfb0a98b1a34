"""cluster step: articles -> stories (groups of article ids), batch mode."""

from newsweave.cluster.cluster import article_bags, cluster_articles
from newsweave.cluster.config import ClusterConfig

__all__ = ["ClusterConfig", "article_bags", "cluster_articles"]
