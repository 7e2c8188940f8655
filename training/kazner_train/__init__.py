"""Training code for the default KazNER model (models/kazner-base)."""
