"""Pandas helpers the analyze, cluster and predict steps share; core and api never import it."""
