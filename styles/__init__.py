"""CSL styles and locales shipped with citelib (CC BY-SA 3.0; see LICENSE.md)."""
