# "E" is the month in the genitive, as a Greek date is written: 2 Δεκεμβρίου 2026.
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
