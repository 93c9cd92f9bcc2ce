"""Views of the portfolio, split by area: the student's portfolio, reflection
and richtingsgevoel, the coach's view, and the transfer dossier and export."""
