# Month names are lower case in European Portuguese (stage1/formats/months.py lets the catalogue say so).
DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
