"""Forms compiled from ui/*.ui by scripts/compile_forms.py. Do not edit."""
