"""The scorecard's charts, one import for the view-model: a radar (radar.py, SVG) and a heat map
(heat_map.py, a table's data), pure functions with every value in words too.

What they share is in chart_parts.py, their words in chart_wording.py, and their colours, dashes,
markers and heat-map orientation in core/palette.py, which the pages' scripts get as data.
"""

from __future__ import annotations

from selfassess.core.palette import DASHES as DASHES
from selfassess.core.palette import HIDDEN_FILL as HIDDEN_FILL
from selfassess.core.palette import MARKERS as MARKERS
from selfassess.core.palette import SeriesStyle as SeriesStyle
from selfassess.core.palette import level_colours, organisation_style
from selfassess.scorecard.chart_parts import Band as Band
from selfassess.scorecard.chart_parts import HeatRow as HeatRow
from selfassess.scorecard.chart_parts import Hidden as Hidden
from selfassess.scorecard.chart_parts import RadarSeries as RadarSeries
from selfassess.scorecard.chart_parts import Value as Value
from selfassess.scorecard.chart_parts import band_index as band_index
from selfassess.scorecard.chart_parts import printed_value as printed_value
from selfassess.scorecard.chart_parts import wrap_text as wrap_text
from selfassess.scorecard.heat_map import BLANK_TONE as BLANK_TONE
from selfassess.scorecard.heat_map import HIDDEN_TONE as HIDDEN_TONE
from selfassess.scorecard.heat_map import MAX_HEAT_COLUMNS as MAX_HEAT_COLUMNS
from selfassess.scorecard.heat_map import HeatCell as HeatCell
from selfassess.scorecard.heat_map import HeatColumn as HeatColumn
from selfassess.scorecard.heat_map import HeatMap as HeatMap
from selfassess.scorecard.heat_map import HeatMapRow as HeatMapRow
from selfassess.scorecard.heat_map import KeyEntry as KeyEntry
from selfassess.scorecard.heat_map import Tone as Tone
from selfassess.scorecard.heat_map import heat_map as heat_map
from selfassess.scorecard.heat_map import heat_tones as heat_tones
from selfassess.scorecard.radar import radar_chart as radar_chart

band_colours = level_colours  # the scorecard's name: a level is a band of scores
series_style = organisation_style
