#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/corpus/<target>/.

The seeds are small hand-made samples of every format (none is taken from ../shared/data);
`make fuzz` adds tests/fixtures/scenarios to the scenario target's seeds. Run this once
after changing a sample; its output is committed, so CI needs no Python.
"""
import gzip
import io
import os
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def gdelt(columns=61, code="042", quad="1", goldstein="1.9", date="20191024"):
    f = [""] * columns
    f[0], f[1], f[2], f[3] = "1", date, date[:6], date[:4]
    f[5], f[6], f[7], f[12] = "CHNGOV", "CHINA", "CHN", "GOV"
    f[15], f[17], f[22] = "JPNGOV", "JPN", "GOV"
    f[25], f[26], f[27], f[28] = "1", code, code[:3], code[:2]
    f[29], f[30], f[31] = quad, goldstein, "4"
    if columns == 61:
        f[37], f[45], f[53], f[59], f[60] = "CH", "JA", "JA", "20191024143000", "http://e.org/a"
    else:
        f[37], f[44], f[51], f[56] = "CH", "JA", "JA", date
        if columns == 58:
            f[57] = "http://e.org/a"
    return "\t".join(f)


def mentions():
    f = ["1", "20191024143000", "20191024150000", "1", "example.org", "http://e.org/a",
         "0", "0", "0", "0", "1", "80", "1200", "", "", ""]
    return "\t".join(f)


ICEWS_HEADER = "\t".join(["Event ID", "Event Date", "Source Name", "Source Sectors",
                          "Source Country", "Event Text", "CAMEO Code", "Intensity",
                          "Target Name", "Target Sectors", "Target Country", "Story ID",
                          "Sentence Number", "Publisher", "City", "District", "Province",
                          "Country", "Latitude", "Longitude"])


def icews(date="2019-10-24", code="042", intensity="1.9"):
    f = ["1", date, "China", "Government", "China", "Make a visit", code, intensity,
         "Japan", "Government", "Japan", "123", "1", "Pub", "", "", "", "Japan", "35.6", "139.7"]
    return "\t".join(f)


SAMPLES = {
    # Relation kinds the fixtures do not carry (an event_tie as `detente draft` writes it).
    "scenario_toml": {
        "event_tie": b'[scenario]\nid = "t"\nname = "t"\nas_of = 2005-01-01\n\n'
                     b'[[actor]]\nid = "AAA"\nname = "A"\ncapability = { value = 0.01, source = "s" }\n\n'
                     b'[[actor]]\nid = "BBB"\nname = "B"\ncapability = 0.02\n\n'
                     b'[[relation]]\na = "AAA"\nb = "BBB"\nkind = "event_tie"\n'
                     b'weight = { value = -0.4, dist = "normal", mean = -0.4, sd = 0.1, min = -1, max = 1, '
                     b'source = "events: mean of 11 monthly tie scores" }\nsince = 2004-01-01\n',
    },
    "scenario_tables": {
        "ok": b"actor,issue,position,salience,why\nAAA,summit,80,0.6,\"wants it, soon\"\n"
              b"BBB,summit,40,0.5,unsure\n\0a,b,kind,weight,since\nAAA,BBB,alliance,0.7,1999-01-01\n",
        "bad": b"actor,issue,position,salience\nAAA,summit,80,lots\n\0a,b,kind\nAAA,QQQ,alliance\n",
    },
    "eum_table": {
        "csv": b"actor,capability,position,salience\nA,100,0,80\nB,50,100,40\nC,30,60,90\n",
        "tsv": b"Name\tc\tx\ts\r\nA\t1\t0\t0.8\r\nB\t0.5\t100\t0.4\r\n",
        "bom_comment": b"\xef\xbb\xbf# comment\nStakeholder,Power,Position,Salience\nA,1,2,0.5\nB,2,3,0.7\n",
    },
    "decide": {
        "basic": b"#A\tA\n#A\tB\n#P\tissue1\n#M\tissue1\t0\n#M\tissue1\t100\n"
                 b"#D\tA\tissue1\t0\t0.8\t1\n#D\tB\tissue1\t100\t0.5\t2\n",
        "quoted": b"#/ comment\n#A\t'A'\n#A\t'B'\n#P\t'x'\n#D\t'A'\t'x'\t10\t50\t1\n#D\t'B'\t'x'\t90\t50\t1\n",
        "semicolon_percent": b"'#A';'A';'A';''\n'#A';'B';'B';''\n'#P';'x';'x';''\n'#M';'x';0\n"
                             b"'#M';'x';10\n'#D';'A';'x';2;50;25\n'#D';'B';'x';8;75;100\n",
        "malformed": b"#A\tA\n#P\tx\n#D\tA\tx\t5\n#D\tA\tx\tten\t150\t1\n",
    },
    "ktab_csv": {
        "basic": b"Dummy,dummy data,3,1\nName,Desc,Cap,Pos1,Sal1\nA,a,100,0,80\nB,b,50,100,40\nC,c,30,60,90\n",
        "trailing": b"S,d,2,2,\nName,Desc,Cap,P1,S1,P2,S2,\nA,a,1,0,1,10,1,\nB,b,2,100,1,20,1,\n",
    },
    "ktab_xml": {
        "basic": b"""<?xml version="1.0"?>
<Scenario><name>s</name><desc>d</desc><prngSeed>1</prngSeed>
<ModelParameters><VictoryProbModel>Linear</VictoryProbModel></ModelParameters>
<Dimensions><dName>d1</dName></Dimensions>
<Actors><Actor><name>A</name><description>a</description><capability>100</capability>
<Position><dCoord>0</dCoord></Position><Salience><dSal>80</dSal></Salience></Actor>
<Actor><name>B</name><description>b</description><capability>50</capability>
<Position><dCoord>100</dCoord></Position><Salience><dSal>40</dSal></Salience></Actor></Actors>
</Scenario>
""",
    },
    "bargaining_input": {},  # filled from the other bargaining samples below
    "signed_csv": {
        "header": b"from,to,sign,weight\nA,B,+1,2\nB,C,-1,1\nA,C,-,0.5\n",
        "plain": b"A,B,1\nB,A,1\nC,D,-1\n",
    },
    "pajek": {
        "arcs": b"*Vertices 3\n1 \"A\"\n2 \"B\"\n3 \"C\"\n*Arcs\n1 2 1\n2 3 -1 [2-4]\n*Edges\n1 3 -2\n",
        "networks": b"*Network first\n*Vertices 2\n1 A\n2 B\n*Edges\n1 2 1\n*Network second\n*Vertices 2\n"
                    b"1 A\n2 B\n*Arcslist\n1 2\n*Matrix\n0 1\n1 0\n*Partition p\n*Vertices 2\n1\n2\n",
    },
    "ucinet_dl": {
        "labels": b"DL N=3\nFORMAT = FULLMATRIX\nLABELS:\nA\nB\nC\nDATA:\n0 1 -1\n1 0 0\n-1 0 0\n",
        "nm": b"dl n=2 nm=2 format=fullmatrix\nrow labels:\nX\nY\ndata:\n0 1\n1 0\n0 -1\n-1 0\n",
    },
    "landscape": {
        "basic": b"id,actor,strength\n1,A,2\n2,B,1\n3,C,3\n\0,A,B,C\nA,,4,1\nB,4,,2\nC,1,2,\n",
    },
    "peacesciencer": {
        "mid": b"\x02ccode1,ccode2,year,hostlev\n2,20,1996,3\n2,365,1997,NA\n20,2,1998,5\n",
        "cow": b"\x00ccode1,ccode2,year,cow_defense,cow_neutral,cow_nonagg,cow_entente\n2,20,1996,1,0,0,1\n",
        "atop": b"\x01ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n"
                b"2,20,1996,1,0,0,0,1\n",
        "nmc": b"\x03ccode,year,cinc\n2,1996,0.14\n20,1996,NA\n",
    },
    "score": {
        "binary": b"question,model,probability\nq1,a,0.7\nq2,a,0.2\nq1,b,0.5\n\0question,outcome\nq1,1\nq2,0\n",
        "continuous": b"question,sample,weight\nq3,1.5,1\nq3,2.5,2\nq3,0.5,\n\0question,outcome\nq3,2\n",
    },
}

events = {
    "events_gdelt1": {"rows": "\n".join([gdelt(57), gdelt(58, code="190", quad="4", goldstein="-10")]) + "\n"},
    "events_gdelt2": {"rows": "\n".join([gdelt(61), gdelt(61, code="0251", goldstein="5")]) + "\n"},
    "events_mentions": {"rows": mentions() + "\n" + mentions() + "\n"},
    "events_icews": {"rows": ICEWS_HEADER + "\n" + icews() + "\n" + icews("10/24/2019", "190", "-10") + "\n"},
    "events_cameo_tsv": {"header": "date\tsource\ttarget\tcode\n2019-10-24\tCHNGOV\tJPNGOV\t042\n",
                         "plain": "20191024\tUSA\tRUSMIL\t190\n20191025\tRUS\tUSA\t0251\n"},
}
for target, files in events.items():
    SAMPLES[target] = {k: v.encode() for k, v in files.items()}

auto = {}
for target in events:
    for k, v in SAMPLES[target].items():
        auto[f"{target}_{k}"] = v
gz = gzip.compress(SAMPLES["events_gdelt2"]["rows"], mtime=0)
auto["gzip"] = gz
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    info = zipfile.ZipInfo("20191024.export.CSV", date_time=(2019, 10, 24, 0, 0, 0))
    z.writestr(info, SAMPLES["events_gdelt2"]["rows"], compress_type=zipfile.ZIP_DEFLATED)
auto["zip"] = buf.getvalue()
SAMPLES["events_auto"] = auto

for t in ("eum_table", "decide", "ktab_csv", "ktab_xml"):
    for k, v in SAMPLES[t].items():
        SAMPLES["bargaining_input"][f"{t}_{k}"] = v

for target, files in SAMPLES.items():
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    for name, data in files.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
