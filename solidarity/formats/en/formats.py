# Campaigns are international: "19 January 2026" reads the same everywhere English is read, "Jan. 19, 2026" does not.
DATE_FORMAT = "j F Y"
