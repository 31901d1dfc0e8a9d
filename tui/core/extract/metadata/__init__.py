"""Article metadata from a parsed page: title, byline, date, site, language, canonical URL."""
