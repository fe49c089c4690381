"""Full screens pushed over the tabs: the morning review walk and the item detail."""
