#!/usr/bin/env python3
"""Make the zero-configuration test corpus of servq.

From one set of true answers per export (a fixed seed), write the export in
its tool's layout, a map for today's `servq import --map`, and the expected
canonical responses, written directly from the true answers and never by
servq.  Run from anywhere:  python3 make.py [OUTDIR]  (default: this folder).
"""
import csv, io, json, os, random, sys

LANGS = ["en", "es", "pt", "ru"]

ITEMS = {
 "en": ["Modern equipment", "Tidy waiting area", "Well-dressed staff", "Clear leaflets and forms",
        "Keeps to the promised time", "Shows interest in solving problems", "Gets it right the first time",
        "Delivers when it said it would", "Records without mistakes", "Says when the job will be done",
        "Prompt attention", "Always willing to help", "Never too busy to answer", "Staff you can trust",
        "You feel safe dealing with them", "Courteous counter staff", "Staff who know their job",
        "Attention to each person", "Opening hours that suit you", "Staff who care about you",
        "Has your interests at heart", "Understands what you need"],
 "es": ["Equipos modernos", "Sala de espera ordenada", "Personal bien presentado", "Folletos y formularios claros",
        "Cumple el plazo prometido", "Se interesa por resolver problemas", "Lo hace bien a la primera",
        "Entrega cuando dijo", "Registros sin errores", "Avisa cuándo estará listo",
        "Atención rápida", "Siempre dispuestos a ayudar", "Nunca demasiado ocupados para responder",
        "Personal de confianza", "Se siente seguro al tratar con ellos", "Trato cortés en ventanilla",
        "Personal que conoce su trabajo", "Atención a cada persona", "Horario que le conviene",
        "Personal que se preocupa por usted", "Busca lo mejor para usted", "Entiende lo que necesita"],
 "pt": ["Equipamentos modernos", "Sala de espera arrumada", "Funcionários bem apresentados", "Folhetos e formulários claros",
        "Cumpre o prazo prometido", "Mostra interesse em resolver problemas", "Faz certo da primeira vez",
        "Entrega quando disse", "Registros sem erros", "Avisa quando ficará pronto",
        "Atendimento rápido", "Sempre dispostos a ajudar", "Nunca ocupados demais para responder",
        "Funcionários de confiança", "Sente-se seguro ao lidar com eles", "Atendimento cortês no balcão",
        "Funcionários que conhecem o trabalho", "Atenção a cada pessoa", "Horário conveniente",
        "Funcionários que se importam com você", "Pensa no seu interesse", "Entende o que você precisa"],
 "ru": ["Современное оборудование", "Аккуратный зал ожидания", "Опрятные сотрудники", "Понятные брошюры и бланки",
        "Соблюдает обещанные сроки", "Старается решить проблему", "Делает правильно с первого раза",
        "Выдаёт в обещанный срок", "Документы без ошибок", "Сообщает, когда будет готово",
        "Быстрое обслуживание", "Всегда готовы помочь", "Никогда не слишком заняты", "Сотрудникам можно доверять",
        "Чувствуешь себя спокойно", "Вежливые сотрудники у окна", "Сотрудники знают своё дело",
        "Внимание к каждому", "Удобные часы работы", "Сотрудники заботятся о вас",
        "Думают о ваших интересах", "Понимают, что вам нужно"],
}
BLOCK = {"en": ("Expectations", "Perceptions"), "es": ("Expectativas", "Percepciones"),
         "pt": ("Expectativas", "Percepções"), "ru": ("Ожидания", "Восприятие")}
SEGMENT = {"en": ("Branch", ["North", "Centre", "Harbour"]), "es": ("Sucursal", ["Norte", "Centro", "Puerto"]),
           "pt": ("Filial", ["Norte", "Centro", "Porto"]), "ru": ("Канал", ["Офис", "Телефон", "Сайт"])}
DONT_KNOW = {"en": "Don't know", "es": "No sé", "pt": "Não sei", "ru": "Не знаю"}
# Own agreement wording, 1 to 5.
AGREE5 = {"en": ["Disagree strongly", "Rather disagree", "Undecided", "Rather agree", "Agree strongly"],
          "es": ["Muy en desacuerdo", "Algo en desacuerdo", "Indeciso", "Algo de acuerdo", "Muy de acuerdo"],
          "pt": ["Discordo muito", "Discordo um pouco", "Indeciso", "Concordo um pouco", "Concordo muito"],
          "ru": ["Совсем не согласен", "Скорее не согласен", "Затрудняюсь", "Скорее согласен", "Полностью согласен"]}
TIMESTAMP = {"en": "Timestamp", "es": "Marca temporal", "pt": "Carimbo de data/hora", "ru": "Отметка времени"}
DIMS = [("tangibles", 4), ("reliability", 5), ("responsiveness", 4), ("assurance", 4), ("empathy", 5)]


def rng_for(name):
    return random.Random("servq-zeroconf:" + name)


def instrument(iid, n, scale, measures=("E", "P"), lang="en"):
    """The instrument of an n-item export: 22 items in five dimensions, fewer in one."""
    dims, items = [], []
    if n == 22:
        k = 0
        for d, cnt in DIMS:
            dims.append({"id": d})
            for _ in range(cnt):
                items.append({"id": "q%d" % (k + 1), "dimension": d, "label": {lang: ITEMS[lang][k]}})
                k += 1
    else:
        dims.append({"id": "service"})
        items = [{"id": "q%d" % (k + 1), "dimension": "service", "label": {lang: ITEMS[lang][k]}}
                 for k in range(n)]
    return {"schema": "servq.instrument/1", "id": iid, "scale": {"min": scale[0], "max": scale[1]},
            "measures": list(measures), "dimensions": dims, "items": items}


def true_answers(name, n_resp, n_items, scale, measures, missing=0.06):
    """Each respondent's true ratings: None is a blank or a "don't know"."""
    r = rng_for(name)
    lo, hi = scale
    rows = []
    for i in range(n_resp):
        base = r.uniform(lo + 1, hi)
        ans = {}
        for k in range(n_items):
            for m in measures:
                shift = {"E": 0.8, "D": 0.9, "A": -1.2, "P": -0.3, "I": 0.5}[m]
                v = int(round(base + shift + r.gauss(0, 1)))
                v = min(hi, max(lo, v))
                ans[(m, k)] = None if r.random() < missing else v
        rows.append(ans)
    return r, rows


def write_csv(path, rows, delimiter=",", quoting=csv.QUOTE_MINIMAL, newline="\n", bom=False, encoding="utf-8"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator=newline)
    for row in rows:
        w.writerow(row)
    data = buf.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(path, "wb") as f:
        f.write(data)


class Corpus:
    def __init__(self, out):
        self.out = out
        self.cases = []
        for d in ("", "maps", "instruments", "expected"):
            os.makedirs(os.path.join(out, d), exist_ok=True)

    def emit(self, name, layout, lang, header, data, inst, mapdoc, truth, ids, extra_cols,
             write_opts=None, importable=True, drop_ids=(), note=""):
        """Write one export, its map and instrument, and its expected answers."""
        ext = ".csv"
        write_csv(os.path.join(self.out, name + ext), header + data, **(write_opts or {}))
        with open(os.path.join(self.out, "instruments", name + ".json"), "w", encoding="utf-8") as f:
            json.dump(inst, f, ensure_ascii=False, indent=1)
            f.write("\n")
        mapdoc = dict({"schema": "servq.map/1", "instrument": "../instruments/%s.json" % name}, **mapdoc)
        with open(os.path.join(self.out, "maps", name + ".json"), "w", encoding="utf-8") as f:
            json.dump(mapdoc, f, ensure_ascii=False, indent=1)
            f.write("\n")
        measures = [m for m in ("E", "P", "A", "D") if m in inst["measures"]]
        n_items = len(inst["items"])
        head = ["respondent_id"] + [c for c, _ in extra_cols]
        for k in range(n_items):
            head += ["%s_q%d" % (m, k + 1) for m in measures]
        rows = [head]
        for rid, ans, extras in zip(ids, truth, zip(*[v for _, v in extra_cols]) if extra_cols else [()] * len(ids)):
            row = [rid] + list(extras)
            for k in range(n_items):
                for m in measures:
                    v = ans.get((m, k))
                    row.append("" if v is None else str(v))
            rows.append(row)
        write_csv(os.path.join(self.out, "expected", name + ".csv"), rows)
        # The same truth, long and free of any column convention.
        long_rows = [["respondent_id", "item", "measure", "value"]]
        for rid, ans in zip(ids, truth):
            for (m, k), v in sorted(ans.items(), key=lambda t: (t[0][1], t[0][0])):
                long_rows.append([rid, "q%d" % (k + 1), {"I": "importance"}.get(m, m), "" if v is None else v])
        write_csv(os.path.join(self.out, "expected", name + ".long.csv"), long_rows)
        self.cases.append({"export": name + ext, "layout": layout, "lang": lang,
                           "map": "maps/%s.json" % name, "expected": "expected/%s.csv" % name,
                           "truth": "expected/%s.long.csv" % name,
                           "importable_today": importable, "drop_ids": list(drop_ids), "note": note})


def cell(v, lang, labels, r, dk_rate=0.03):
    """An answer as the export shows it: a number, a label, blank or "don't know"."""
    if v is None:
        return DONT_KNOW[lang] if r.random() < 0.4 else ""
    return labels[v - 1] if labels else str(v)


def segments(r, lang, n):
    return [r.choice(SEGMENT[lang][1]) for _ in range(n)]


def gforms(c, lang, n_items, n_resp, use_labels, opts):
    name = "gforms-%s" % lang
    scale = (1, 5) if use_labels else (1, 7)
    r, truth = true_answers(name, n_resp, n_items, scale, "EP")
    e, p = BLOCK[lang]
    seg_name = SEGMENT[lang][0]
    header = [[TIMESTAMP[lang]] + ["%s [%s]" % (e, ITEMS[lang][k]) for k in range(n_items)]
              + ["%s [%s]" % (p, ITEMS[lang][k]) for k in range(n_items)] + [seg_name]]
    labels = AGREE5[lang] if use_labels else None
    segs = segments(r, lang, n_resp)
    data, dates = [], []
    for i, ans in enumerate(truth):
        d, mo, h, mi, s = 1 + i % 28, 3 + i % 2, 9 + i % 8, (i * 7) % 60, (i * 13) % 60
        dates.append("2026-%02d-%02d %02d:%02d:%02d" % (mo, d, h, mi, s))
        if lang == "en":
            ts = "%d/%d/2026 %d:%02d:%02d" % (mo, d, h, mi, s)
        elif lang == "ru":
            ts = "%02d.%02d.2026 %d:%02d:%02d" % (d, mo, h, mi, s)
        else:
            ts = "%d/%d/2026 %d:%02d:%02d" % (d, mo, h, mi, s)
        data.append([ts] + [cell(ans[("E", k)], lang, labels, r) for k in range(n_items)]
                    + [cell(ans[("P", k)], lang, labels, r) for k in range(n_items)] + [segs[i]])
    fmt = {"en": "%m/%d/%Y %H:%M:%S", "ru": "%d.%m.%Y %H:%M:%S"}.get(lang, "%d/%m/%Y %H:%M:%S")
    lab = {DONT_KNOW[lang]: None}
    if labels:
        lab.update({t: i + 1 for i, t in enumerate(labels)})
    mapdoc = {"dialect": "googleforms", "labels": lab,
              "date": {"column": TIMESTAMP[lang], "format": fmt},
              "segments": [seg_name]}
    # One rule per item: the item's text is its name, as a person copying the header would write it.
    mapdoc["columns"] = ([{"column": "%s [%s]" % (e, ITEMS[lang][k]), "item": "q%d" % (k + 1), "measure": "E"}
                          for k in range(n_items)]
                         + [{"column": "%s [%s]" % (p, ITEMS[lang][k]), "item": "q%d" % (k + 1), "measure": "P"}
                            for k in range(n_items)])
    ids = ["L%d" % (i + 2) for i in range(n_resp)]
    c.emit(name, "googleforms", lang, header, data, instrument("zc-gforms-" + lang, n_items, scale, lang=lang),
           mapdoc, truth, ids, [("date", dates), (seg_name, segs)], write_opts=opts)


QUALTRICS = {"en": ("How does our service centre compare?", "Expectation", "Perception", "EN"),
             "es": ("¿Cómo es nuestro centro de atención?", "Expectativa", "Percepción", "ES"),
             "pt": ("Como é o nosso centro de atendimento?", "Expectativa", "Percepção", "PT-BR"),
             "ru": ("Как работает наш центр обслуживания?", "Ожидание", "Восприятие", "RU")}


def qualtrics(c, lang, n_items, n_resp, opts, with_junk=False):
    """Qualtrics side-by-side: Q1#1_k expectation, Q1#2_k perception, three header rows."""
    name = "qualtrics-%s" % lang
    r, truth = true_answers(name, n_resp, n_items, (1, 7), "EP")
    q, e, p, ul = QUALTRICS[lang]
    meta = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
            "RecordedDate", "ResponseId", "DistributionChannel", "UserLanguage"]
    meta_text = ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)",
                 "Finished", "Recorded Date", "Response ID", "Distribution Channel", "User Language"]
    meta_imp = ["startDate", "endDate", "status", "ipAddress", "progress", "duration", "finished",
                "recordedDate", "_recordId", "distributionChannel", "userLanguage"]
    seg = "branch"
    ids_row = meta + ["Q1#1_%d" % (k + 1) for k in range(n_items)] + ["Q1#2_%d" % (k + 1) for k in range(n_items)] + [seg]
    text_row = (meta_text + ["%s - %s - %s" % (q, e, ITEMS[lang][k]) for k in range(n_items)]
                + ["%s - %s - %s" % (q, p, ITEMS[lang][k]) for k in range(n_items)] + [seg])
    imp_row = (['{"ImportId":"%s"}' % x for x in meta_imp] + ['{"ImportId":"QID1#1_%d"}' % (k + 1) for k in range(n_items)]
               + ['{"ImportId":"QID1#2_%d"}' % (k + 1) for k in range(n_items)] + ['{"ImportId":"%s"}' % seg])
    segs = segments(r, lang, n_resp)
    data, ids, dates = [], [], []
    junk = {3: ("Survey Preview", "preview"), 9: ("Spam", "anonymous")} if with_junk else {}
    drop = []
    for i, ans in enumerate(truth):
        stamp = "2026-04-%02d %02d:%02d:%02d" % (1 + i % 28, 8 + i % 9, (i * 11) % 60, (i * 17) % 60)
        rid = "R_%s" % "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789") for _ in range(15))
        if i in junk:
            jid = rid + "x"
            data.append([stamp, stamp, junk[i][0], "", "100", "41", "True", stamp, jid, junk[i][1], ul]
                        + [str(r.randint(1, 7)) for _ in range(2 * n_items)] + [segs[i]])
            drop.append(jid)
        data.append([stamp, stamp, "IP Address", "192.0.2.%d" % (10 + i), "100", str(200 + i * 3), "True", stamp,
                     rid, "anonymous", ul]
                    + ["" if ans[("E", k)] is None else str(ans[("E", k)]) for k in range(n_items)]
                    + ["" if ans[("P", k)] is None else str(ans[("P", k)]) for k in range(n_items)] + [segs[i]])
        ids.append(rid)
        dates.append(stamp)
    mapdoc = {"dialect": "qualtrics", "id": "ResponseId", "date": "RecordedDate", "segments": [seg],
              "columns": [{"match": "^Q1#1_([0-9]+)$", "item": "q$1", "measure": "E"},
                          {"match": "^Q1#2_([0-9]+)$", "item": "q$1", "measure": "P"}]}
    c.emit(name, "qualtrics", lang, [ids_row, text_row, imp_row], data,
           instrument("zc-qualtrics-" + lang, n_items, (1, 7), lang=lang), mapdoc, truth, ids,
           [("date", dates), (seg, segs)], write_opts=opts, drop_ids=drop,
           note="rows with Status 'Survey Preview' and 'Spam' are not responses" if drop else "")


SM_Q = {"en": ("How much do you expect of a good service centre?", "How did our service centre do?"),
        "es": ("¿Qué espera de un buen centro de atención?", "¿Cómo lo hizo nuestro centro?"),
        "pt": ("O que você espera de um bom centro de atendimento?", "Como foi o nosso centro?"),
        "ru": ("Чего вы ждёте от хорошего центра обслуживания?", "Как справился наш центр?")}


def surveymonkey(c, lang, n_items, n_resp, opts):
    """SurveyMonkey: the question on row 1 over blank cells, the items on row 2, labels as answers."""
    name = "surveymonkey-%s" % lang
    r, truth = true_answers(name, n_resp, n_items, (1, 5), "EP")
    qe, qp = SM_Q[lang]
    meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
            "First Name", "Last Name", "Custom Data 1"]
    row1 = meta + [qe] + [""] * (n_items - 1) + [qp] + [""] * (n_items - 1)
    row2 = [""] * len(meta) + ITEMS[lang][:n_items] * 2
    labels = AGREE5[lang]
    segs = segments(r, lang, n_resp)
    data, ids, dates = [], [], []
    for i, ans in enumerate(truth):
        rid = str(114000000000 + r.randint(0, 999999999))
        mo, d, h = 5, 1 + i % 28, 1 + i % 12
        ts = "%02d/%02d/2026 %02d:%02d:%02d %s" % (mo, d, h, (i * 7) % 60, (i * 3) % 60, "AM" if i % 2 else "PM")
        hh = h % 12 + (0 if i % 2 else 12)
        dates.append("2026-%02d-%02d %02d:%02d:%02d" % (mo, d, hh, (i * 7) % 60, (i * 3) % 60))
        data.append([rid, "431234567", ts, ts, "198.51.100.%d" % i, "", "", "", segs[i]]
                    + [cell(ans[("E", k)], lang, labels, r) for k in range(n_items)]
                    + [cell(ans[("P", k)], lang, labels, r) for k in range(n_items)])
        ids.append(rid)
    lab = {t: i + 1 for i, t in enumerate(labels)}
    lab[DONT_KNOW[lang]] = None
    mapdoc = {"dialect": "surveymonkey", "labels": lab, "id": "Respondent ID",
              "date": {"column": "End Date", "format": "%m/%d/%Y %I:%M:%S %p"},
              "segments": [{"column": "Custom Data 1", "as": SEGMENT[lang][0]}],
              "columns": [{"column": "%s | %s" % (qe, ITEMS[lang][k]), "item": "q%d" % (k + 1), "measure": "E"}
                          for k in range(n_items)]
                         + [{"column": "%s | %s" % (qp, ITEMS[lang][k]), "item": "q%d" % (k + 1), "measure": "P"}
                            for k in range(n_items)]}
    c.emit(name, "surveymonkey", lang, [row1, row2], data,
           instrument("zc-surveymonkey-" + lang, n_items, (1, 5), lang=lang), mapdoc, truth, ids,
           [("date", dates), (SEGMENT[lang][0], segs)], write_opts=opts)


LIME_META = ["id. Response ID", "submitdate. Date submitted", "lastpage. Last page", "startlanguage. Start language"]


def limesurvey(c, lang, n_items, n_resp, opts, codes_in_text):
    """LimeSurvey "code & text" headings: E[SQ001]. Question [Row]."""
    name = "limesurvey-%s" % lang
    r, truth = true_answers(name, n_resp, n_items, (1, 5), "EP")
    e, p = BLOCK[lang]
    header = (LIME_META + ['E[SQ%03d]. %s [%s]' % (k + 1, e, ITEMS[lang][k]) for k in range(n_items)]
              + ['P[SQ%03d]. %s [%s]' % (k + 1, p, ITEMS[lang][k]) for k in range(n_items)])
    data, ids, dates = [], [], []
    for i, ans in enumerate(truth):
        stamp = "2026-06-%02d %02d:%02d:%02d" % (1 + i % 28, 9 + i % 8, (i * 5) % 60, (i * 19) % 60)

        def show(v):
            if v is None:
                return ""
            return "%s (%d)" % (AGREE5[lang][v - 1], v) if codes_in_text else str(v)
        data.append([str(i + 1), stamp, "2", lang] + [show(ans[("E", k)]) for k in range(n_items)]
                    + [show(ans[("P", k)]) for k in range(n_items)])
        ids.append(str(i + 1))
        dates.append(stamp)
    mapdoc = {"dialect": "limesurvey", "id": "id", "date": {"column": "submitdate", "format": "%Y-%m-%d %H:%M:%S"},
              "columns": [{"match": "^E\\[SQ0*([0-9]+)\\]$", "item": "q$1", "measure": "E"},
                          {"match": "^P\\[SQ0*([0-9]+)\\]$", "item": "q$1", "measure": "P"}]}
    if opts.get("delimiter") == ";":
        mapdoc["delimiter"] = ";"
    c.emit(name, "limesurvey", lang, [header], data,
           instrument("zc-limesurvey-" + lang, n_items, (1, 5), lang=lang), mapdoc, truth, ids,
           [("date", dates)], write_opts=opts)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    c = Corpus(out)
    gforms(c, "en", 22, 40, False, {"quoting": csv.QUOTE_ALL})
    gforms(c, "es", 8, 25, True, {"newline": "\r\n"})
    gforms(c, "pt", 5, 18, False, {})
    gforms(c, "ru", 22, 33, True, {"quoting": csv.QUOTE_ALL})
    qualtrics(c, "en", 22, 30, {"bom": True}, with_junk=True)
    qualtrics(c, "es", 8, 20, {})
    qualtrics(c, "pt", 22, 45, {"newline": "\r\n"})
    qualtrics(c, "ru", 5, 16, {"bom": True})
    surveymonkey(c, "en", 8, 35, {"newline": "\r\n"})
    surveymonkey(c, "es", 22, 24, {})
    surveymonkey(c, "pt", 5, 15, {})
    surveymonkey(c, "ru", 8, 28, {})
    limesurvey(c, "en", 5, 20, {"quoting": csv.QUOTE_ALL}, True)
    limesurvey(c, "es", 22, 38, {"quoting": csv.QUOTE_ALL}, False)
    limesurvey(c, "pt", 8, 26, {"quoting": csv.QUOTE_ALL}, True)
    limesurvey(c, "ru", 22, 60, {"quoting": csv.QUOTE_ALL}, True)
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"cases": c.cases}, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
