"""The officers' web app: chat with cited answers, letters, search, briefings, and the JSON API."""
