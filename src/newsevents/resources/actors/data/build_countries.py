"""Development-time generator of ``countries.tsv`` (run by hand; never at run time).

    .venv/bin/python src/newsevents/resources/actors/data/build_countries.py > src/newsevents/resources/actors/data/countries.tsv

The base list (every ISO 3166-1 entry) comes from ``pycountry``. The common names, other and
historical names, adjectives/demonyms, capitals and seats of power below were written by hand for
this project. Edit the table here, re-run, and review the diff of ``countries.tsv``.

Table format, one country a line: ``ISO3 | common name | other names | adjectives | capitals | seats``;
lists inside a field are separated by ``;``; a seat may carry a sector (``Pentagon=MIL``), the default
being ``GOV``.
"""

from __future__ import annotations

import sys

HAND = """
AFG|Afghanistan|Islamic Republic of Afghanistan;Islamic Emirate of Afghanistan|Afghan;Afghans;Afghani|Kabul|Arg Palace
ALB|Albania||Albanian;Albanians|Tirana|
DZA|Algeria||Algerian;Algerians|Algiers|
AND|Andorra||Andorran|Andorra la Vella|
AGO|Angola||Angolan;Angolans|Luanda|
ATG|Antigua and Barbuda|Antigua|Antiguan|Saint John's|
ARG|Argentina|Argentine Republic|Argentine;Argentinian;Argentines;Argentinians|Buenos Aires|Casa Rosada
ARM|Armenia||Armenian;Armenians|Yerevan|
AUS|Australia|Commonwealth of Australia|Australian;Australians|Canberra|
AUT|Austria||Austrian;Austrians|Vienna|
AZE|Azerbaijan||Azerbaijani;Azeri;Azerbaijanis;Azeris|Baku|
BHS|Bahamas|The Bahamas|Bahamian;Bahamians|Nassau|
BHR|Bahrain||Bahraini;Bahrainis|Manama|
BGD|Bangladesh||Bangladeshi;Bangladeshis|Dhaka;Dacca|
BRB|Barbados||Barbadian;Bajan|Bridgetown|
BLR|Belarus|Byelorussia;Belorussia|Belarusian;Belarusians;Byelorussian|Minsk|
BEL|Belgium||Belgian;Belgians|Brussels|
BLZ|Belize|British Honduras|Belizean|Belmopan|
BEN|Benin|Dahomey|Beninese|Porto-Novo;Cotonou|
BTN|Bhutan||Bhutanese|Thimphu|
BOL|Bolivia||Bolivian;Bolivians|La Paz;Sucre|
BIH|Bosnia and Herzegovina|Bosnia;Bosnia-Herzegovina|Bosnian;Bosnians|Sarajevo|
BWA|Botswana||Botswanan;Motswana;Batswana|Gaborone|
BRA|Brazil||Brazilian;Brazilians|Brasilia;Brasília|Planalto;Planalto Palace
BRN|Brunei|Brunei Darussalam|Bruneian|Bandar Seri Begawan|
BGR|Bulgaria||Bulgarian;Bulgarians|Sofia|
BFA|Burkina Faso|Upper Volta|Burkinabe;Burkinabè|Ouagadougou|
BDI|Burundi||Burundian;Burundians|Gitega;Bujumbura|
CPV|Cape Verde|Cabo Verde|Cape Verdean|Praia|
KHM|Cambodia|Kampuchea|Cambodian;Cambodians;Khmer|Phnom Penh|
CMR|Cameroon||Cameroonian;Cameroonians|Yaounde;Yaoundé|
CAN|Canada||Canadian;Canadians|Ottawa|Parliament Hill
CAF|Central African Republic|CAR|Central African;Central Africans|Bangui|
TCD|Chad||Chadian;Chadians|N'Djamena;Ndjamena|
CHL|Chile||Chilean;Chileans|Santiago|La Moneda
CHN|China|People's Republic of China;PRC;Mainland China|Chinese|Beijing;Peking|Zhongnanhai;Great Hall of the People
COL|Colombia||Colombian;Colombians|Bogota;Bogotá|Casa de Nariño;Casa de Narino
COM|Comoros||Comoran;Comorian|Moroni|
COG|Republic of the Congo|Congo-Brazzaville;Congo Republic;Republic of Congo|Congolese|Brazzaville|
COD|Democratic Republic of the Congo|DR Congo;DRC;D.R.C.;Congo-Kinshasa;Democratic Republic of Congo;Congo;Zaire;DR of Congo|Congolese;Zairean|Kinshasa|
CRI|Costa Rica||Costa Rican;Costa Ricans|San Jose;San José|
CIV|Ivory Coast|Cote d'Ivoire;Côte d'Ivoire;Cote D'Ivoire|Ivorian;Ivorians|Yamoussoukro;Abidjan|
HRV|Croatia||Croatian;Croatians;Croat;Croats|Zagreb|
CUB|Cuba||Cuban;Cubans|Havana|
CYP|Cyprus||Cypriot;Cypriots;Greek Cypriot;Greek Cypriots|Nicosia|
CZE|Czech Republic|Czechia|Czech;Czechs|Prague|Prague Castle
DNK|Denmark||Danish;Danes;Dane|Copenhagen|
DJI|Djibouti||Djiboutian|Djibouti City|
DMA|Dominica||Dominican|Roseau|
DOM|Dominican Republic||Dominicans|Santo Domingo|
ECU|Ecuador||Ecuadorian;Ecuadorean;Ecuadorians|Quito|
EGY|Egypt|Arab Republic of Egypt|Egyptian;Egyptians|Cairo|
SLV|El Salvador|Salvador|Salvadoran;Salvadorean;Salvadorans|San Salvador|
GNQ|Equatorial Guinea||Equatoguinean;Equatorial Guinean|Malabo|
ERI|Eritrea||Eritrean;Eritreans|Asmara|
EST|Estonia||Estonian;Estonians|Tallinn|
SWZ|Eswatini|Swaziland|Swazi;Swazis;Emaswati|Mbabane;Lobamba|
ETH|Ethiopia|Abyssinia|Ethiopian;Ethiopians|Addis Ababa|
FJI|Fiji||Fijian;Fijians|Suva|
FIN|Finland||Finnish;Finns;Finn|Helsinki|
FRA|France|French Republic|French;Frenchman;Frenchmen|Paris|Elysee;Élysée;Elysee Palace;Élysée Palace;Quai d'Orsay;Matignon
GAB|Gabon||Gabonese|Libreville|
GMB|Gambia|The Gambia|Gambian;Gambians|Banjul|
GEO|Georgia||Georgian;Georgians|Tbilisi|
DEU|Germany|Federal Republic of Germany;West Germany|German;Germans|Berlin;Bonn|Chancellery;Bundestag=LEG
GHA|Ghana|Gold Coast|Ghanaian;Ghanaians|Accra|
GRC|Greece|Hellenic Republic|Greek;Greeks;Hellenic|Athens|
GRD|Grenada||Grenadian|St. George's|
GTM|Guatemala||Guatemalan;Guatemalans|Guatemala City|
GIN|Guinea|Guinea-Conakry|Guinean;Guineans|Conakry|
GNB|Guinea-Bissau||Bissau-Guinean|Bissau|
GUY|Guyana||Guyanese|Georgetown|
HTI|Haiti||Haitian;Haitians|Port-au-Prince|
HND|Honduras||Honduran;Hondurans|Tegucigalpa|
HUN|Hungary||Hungarian;Hungarians|Budapest|
ISL|Iceland||Icelandic;Icelanders|Reykjavik;Reykjavík|
IND|India|Republic of India;Bharat|Indian;Indians|New Delhi;Delhi|South Block;Raisina Hill
IDN|Indonesia||Indonesian;Indonesians|Jakarta|
IRN|Iran|Islamic Republic of Iran;Persia|Iranian;Iranians;Persian|Tehran;Teheran|
IRQ|Iraq||Iraqi;Iraqis|Baghdad|
IRL|Ireland|Republic of Ireland;Eire;Éire|Irish|Dublin|Leinster House
ISR|Israel|State of Israel|Israeli;Israelis|Jerusalem;Tel Aviv|Knesset=LEG
ITA|Italy||Italian;Italians|Rome|Palazzo Chigi;Quirinale
JAM|Jamaica||Jamaican;Jamaicans|Kingston|
JPN|Japan||Japanese|Tokyo|Kantei
JOR|Jordan|Hashemite Kingdom of Jordan|Jordanian;Jordanians|Amman|
KAZ|Kazakhstan||Kazakh;Kazakhs;Kazakhstani|Astana;Nur-Sultan;Almaty;Alma-Ata|Akorda
KEN|Kenya||Kenyan;Kenyans|Nairobi|State House
KIR|Kiribati||I-Kiribati|Tarawa|
PRK|North Korea|DPRK;D.P.R.K.;Democratic People's Republic of Korea|North Korean;North Koreans|Pyongyang|
KOR|South Korea|Republic of Korea;ROK;R.O.K.;Korea|South Korean;South Koreans;Korean;Koreans|Seoul|Blue House;Cheong Wa Dae;Yongsan
KWT|Kuwait||Kuwaiti;Kuwaitis|Kuwait City|
KGZ|Kyrgyzstan|Kyrgyz Republic;Kirghizia|Kyrgyz;Kirghiz|Bishkek|
LAO|Laos|Lao PDR;Lao People's Democratic Republic|Lao;Laotian;Laotians|Vientiane|
LVA|Latvia||Latvian;Latvians|Riga|
LBN|Lebanon||Lebanese|Beirut|Baabda;Baabda Palace
LSO|Lesotho||Basotho;Mosotho|Maseru|
LBR|Liberia||Liberian;Liberians|Monrovia|
LBY|Libya||Libyan;Libyans|Tripoli|
LIE|Liechtenstein||Liechtensteiner|Vaduz|
LTU|Lithuania||Lithuanian;Lithuanians|Vilnius|
LUX|Luxembourg||Luxembourger;Luxembourgish|Luxembourg City|
MDG|Madagascar||Malagasy|Antananarivo|
MWI|Malawi||Malawian;Malawians|Lilongwe|
MYS|Malaysia||Malaysian;Malaysians|Kuala Lumpur;Putrajaya|
MDV|Maldives||Maldivian;Maldivians|Male;Malé|
MLI|Mali||Malian;Malians|Bamako|
MLT|Malta||Maltese|Valletta|
MHL|Marshall Islands||Marshallese|Majuro|
MRT|Mauritania||Mauritanian;Mauritanians|Nouakchott|
MUS|Mauritius||Mauritian;Mauritians|Port Louis|
MEX|Mexico|United Mexican States|Mexican;Mexicans|Mexico City|Los Pinos;National Palace
FSM|Micronesia|Federated States of Micronesia|Micronesian|Palikir|
MDA|Moldova|Moldavia|Moldovan;Moldovans|Chisinau;Chișinău|
MCO|Monaco||Monegasque|Monaco|
MNG|Mongolia||Mongolian;Mongolians|Ulaanbaatar;Ulan Bator|
MNE|Montenegro||Montenegrin;Montenegrins|Podgorica|
MAR|Morocco||Moroccan;Moroccans|Rabat|
MOZ|Mozambique||Mozambican;Mozambicans|Maputo|
MMR|Myanmar|Burma|Myanmarese;Burmese|Naypyidaw;Nay Pyi Taw;Naypyitaw;Yangon;Rangoon|
NAM|Namibia||Namibian;Namibians|Windhoek|
NRU|Nauru||Nauruan|Yaren|
NPL|Nepal||Nepali;Nepalese;Nepalis|Kathmandu|
NLD|Netherlands|Holland;The Netherlands|Dutch;Netherlander|Amsterdam;The Hague|
NZL|New Zealand|Aotearoa|New Zealander;New Zealanders;Kiwi|Wellington|Beehive
NIC|Nicaragua||Nicaraguan;Nicaraguans|Managua|
NER|Niger||Nigerien;Nigeriens|Niamey|
NGA|Nigeria||Nigerian;Nigerians|Abuja;Lagos|Aso Rock;Aso Villa
MKD|North Macedonia|Macedonia;FYROM;Former Yugoslav Republic of Macedonia|Macedonian;Macedonians|Skopje|
NOR|Norway||Norwegian;Norwegians|Oslo|
OMN|Oman||Omani;Omanis|Muscat|
PAK|Pakistan|Islamic Republic of Pakistan|Pakistani;Pakistanis|Islamabad;Rawalpindi=MIL|Aiwan-e-Sadr;GHQ=MIL
PLW|Palau||Palauan|Ngerulmud|
PSE|Palestine|State of Palestine;Palestinian territories;Palestinian Territories;Occupied Palestinian Territories;West Bank;Gaza;Gaza Strip|Palestinian;Palestinians|Ramallah|
PAN|Panama||Panamanian;Panamanians|Panama City|
PNG|Papua New Guinea||Papua New Guinean|Port Moresby|
PRY|Paraguay||Paraguayan;Paraguayans|Asuncion;Asunción|
PER|Peru||Peruvian;Peruvians|Lima|
PHL|Philippines|The Philippines|Philippine;Filipino;Filipinos;Filipina|Manila|Malacanang;Malacañang
POL|Poland||Polish;Poles|Warsaw|
PRT|Portugal||Portuguese|Lisbon|
QAT|Qatar||Qatari;Qataris|Doha|
ROU|Romania|Rumania|Romanian;Romanians|Bucharest|
RUS|Russia|Russian Federation|Russian;Russians|Moscow|Kremlin
RWA|Rwanda||Rwandan;Rwandans|Kigali|
KNA|Saint Kitts and Nevis|St Kitts and Nevis|Kittitian|Basseterre|
LCA|Saint Lucia|St Lucia|Saint Lucian|Castries|
VCT|Saint Vincent and the Grenadines|St Vincent|Vincentian|Kingstown|
WSM|Samoa|Western Samoa|Samoan;Samoans|Apia|
SMR|San Marino||Sammarinese|San Marino|
STP|Sao Tome and Principe|São Tomé and Príncipe|Santomean|Sao Tome|
SAU|Saudi Arabia|Kingdom of Saudi Arabia;KSA|Saudi;Saudis;Saudi Arabian|Riyadh|
SEN|Senegal||Senegalese|Dakar|
SRB|Serbia|Serbia and Montenegro;Yugoslavia|Serbian;Serbs;Serb|Belgrade|
SYC|Seychelles||Seychellois|Victoria|
SLE|Sierra Leone||Sierra Leonean;Sierra Leoneans|Freetown|
SGP|Singapore||Singaporean;Singaporeans|Singapore|
SVK|Slovakia|Slovak Republic|Slovak;Slovaks;Slovakian|Bratislava|
SVN|Slovenia||Slovenian;Slovene;Slovenians|Ljubljana|
SLB|Solomon Islands||Solomon Islander|Honiara|
SOM|Somalia||Somali;Somalis|Mogadishu|Villa Somalia
ZAF|South Africa|Republic of South Africa|South African;South Africans|Pretoria;Cape Town|Union Buildings
SSD|South Sudan||South Sudanese|Juba|
ESP|Spain|Kingdom of Spain|Spanish;Spaniards;Spaniard|Madrid|Moncloa
LKA|Sri Lanka|Ceylon|Sri Lankan;Sri Lankans|Colombo;Sri Jayawardenepura Kotte|
SDN|Sudan||Sudanese|Khartoum|
SUR|Suriname|Surinam|Surinamese|Paramaribo|
SWE|Sweden||Swedish;Swedes;Swede|Stockholm|
CHE|Switzerland|Swiss Confederation|Swiss|Bern;Berne|
SYR|Syria|Syrian Arab Republic|Syrian;Syrians|Damascus|
TWN|Taiwan|Republic of China;ROC|Taiwanese|Taipei|
TJK|Tajikistan||Tajik;Tajiks;Tajikistani|Dushanbe|
TZA|Tanzania|United Republic of Tanzania|Tanzanian;Tanzanians|Dodoma;Dar es Salaam|
THA|Thailand|Siam|Thai;Thais|Bangkok|Government House
TLS|East Timor|Timor-Leste|Timorese;East Timorese|Dili|
TGO|Togo||Togolese|Lome;Lomé|
TON|Tonga||Tongan;Tongans|Nuku'alofa|
TTO|Trinidad and Tobago|Trinidad|Trinidadian;Tobagonian|Port of Spain|
TUN|Tunisia||Tunisian;Tunisians|Tunis|Carthage Palace
TUR|Turkey|Türkiye;Turkiye;Republic of Turkey|Turkish;Turks;Turk|Ankara|Cankaya;Çankaya
TKM|Turkmenistan||Turkmen;Turkmens|Ashgabat;Ashkhabad|
TUV|Tuvalu||Tuvaluan|Funafuti|
UGA|Uganda||Ugandan;Ugandans|Kampala|
UKR|Ukraine|The Ukraine|Ukrainian;Ukrainians|Kyiv;Kiev|Bankova
ARE|United Arab Emirates|UAE;U.A.E.;Emirates|Emirati;Emiratis|Abu Dhabi|
GBR|United Kingdom|UK;U.K.;Britain;Great Britain;United Kingdom of Great Britain and Northern Ireland|British;Briton;Britons;Brits|London|Downing Street;Number 10;No 10;No. 10;Whitehall;Foreign Office;Westminster=LEG;Buckingham Palace
USA|United States|US;U.S.;USA;U.S.A.;United States of America;America|American;Americans|Washington;Washington D.C.;Washington, D.C.|White House;State Department=GOV;Department of State=GOV;Foggy Bottom=GOV;Pentagon=MIL;Capitol Hill=LEG;Oval Office;Langley=SPY;CIA=SPY;FBI=COP;Department of Defense=MIL;Defense Department=MIL;Treasury Department;Justice Department=JUD
URY|Uruguay||Uruguayan;Uruguayans|Montevideo|
UZB|Uzbekistan||Uzbek;Uzbeks;Uzbekistani|Tashkent|
VUT|Vanuatu|New Hebrides|Ni-Vanuatu|Port Vila|
VAT|Vatican|Holy See;Vatican City|Vatican|Vatican City|
VEN|Venezuela|Bolivarian Republic of Venezuela|Venezuelan;Venezuelans|Caracas|Miraflores;Miraflores Palace
VNM|Vietnam|Viet Nam|Vietnamese|Hanoi|
YEM|Yemen||Yemeni;Yemenis|Sanaa;Sana'a;Aden|
ZMB|Zambia|Northern Rhodesia|Zambian;Zambians|Lusaka|
ZWE|Zimbabwe|Rhodesia|Zimbabwean;Zimbabweans|Harare|State House
XKX|Kosovo||Kosovar;Kosovan;Kosovars|Pristina;Prishtina|
HKG|Hong Kong||Hong Konger;Hong Kongers|Hong Kong|
MAC|Macau|Macao|Macanese|Macau|
PRI|Puerto Rico||Puerto Rican;Puerto Ricans|San Juan|
GRL|Greenland||Greenlandic;Greenlander|Nuuk|
ESH|Western Sahara|Sahrawi Arab Democratic Republic|Sahrawi;Sahrawis|Laayoune;El Aaiun|
NCL|New Caledonia||New Caledonian|Noumea;Nouméa|
GUM|Guam||Guamanian|Hagatna|
BMU|Bermuda||Bermudian|Hamilton|
CYM|Cayman Islands||Caymanian|George Town|
FLK|Falkland Islands|Falklands;Malvinas|Falkland Islander|Stanley|
GIB|Gibraltar||Gibraltarian|Gibraltar|
PYF|French Polynesia|Tahiti|Tahitian|Papeete|
"""

# Names in pycountry that are not useful as matching keys (formal inverted forms are dropped anyway).
SKIP_NAMES = {"Korea", "Congo"}


def build() -> list[list[str]]:
    import pycountry

    hand: dict[str, list[str]] = {}
    for line in HAND.strip().splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 6:
            raise SystemExit(f"bad line: {line!r}")
        hand[parts[0]] = parts
    rows = []
    seen = set()
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        iso = c.alpha_3
        seen.add(iso)
        h = hand.get(iso)
        base = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        base = [n for n in base if n and "," not in n and n not in SKIP_NAMES]
        name = h[1] if h else (base[0] if base else c.name)
        others = (h[2].split(";") if h and h[2] else []) + base
        others = [o for o in dict.fromkeys(o.strip() for o in others) if o and o != name]
        adjs = h[3] if h else ""
        caps = h[4] if h else ""
        seats = h[5] if h else ""
        rows.append([iso, name, "|".join(others), adjs.replace(";", "|"), caps.replace(";", "|"),
                     seats.replace(";", "|")])
    for iso, h in hand.items():  # entries pycountry does not list (e.g. Kosovo, XKX)
        if iso not in seen:
            rows.append([iso, h[1], h[2].replace(";", "|"), h[3].replace(";", "|"),
                         h[4].replace(";", "|"), h[5].replace(";", "|")])
    return rows


def main() -> None:
    out = sys.stdout
    out.write("iso3\tname\tother_names\tadjectives\tcapitals\tseats\n")
    for row in build():
        out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
