"""评审: the review route and the committee's rules for now (route.py, votes.py); the models
arrive with their issue. 诚信档案 moved to `zhicheng.integrity` (its table is kept)."""
