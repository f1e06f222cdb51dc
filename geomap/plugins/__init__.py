"""Map features for geomap's HTML map, one small module each (folium-plugins style).

- :mod:`~geomap.plugins.offline`: inline Leaflet and geomap assets, raw markup.
- :mod:`~geomap.plugins.symbols`: colours, shapes and status styles; legend swatches.
- :mod:`~geomap.plugins.payload`: compact columnar data of events and mentions.
- :mod:`~geomap.plugins.outlines`: offline country outlines from the gazetteer.
- :mod:`~geomap.plugins.regions`: approximate region polygons; which event is in which region.
- :mod:`~geomap.plugins.strikes`: the strike layer with its filter/legend panel,
  counts, date window, place search, and the ACLED, facility, region and mentions layers.

Nothing is imported here, so that :mod:`geomap.export` can read the symbols
(pure data) without loading the map's HTML machinery.
"""
