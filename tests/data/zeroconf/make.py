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
 "de": ["Moderne Ausstattung", "Aufgeräumter Wartebereich", "Gepflegtes Personal", "Verständliche Formulare",
        "Hält die zugesagte Frist ein", "Bemüht sich, Probleme zu lösen", "Macht es gleich beim ersten Mal richtig",
        "Liefert zum zugesagten Termin"],
 "ru": ["Современное оборудование", "Аккуратный зал ожидания", "Опрятные сотрудники", "Понятные брошюры и бланки",
        "Соблюдает обещанные сроки", "Старается решить проблему", "Делает правильно с первого раза",
        "Выдаёт в обещанный срок", "Документы без ошибок", "Сообщает, когда будет готово",
        "Быстрое обслуживание", "Всегда готовы помочь", "Никогда не слишком заняты", "Сотрудникам можно доверять",
        "Чувствуешь себя спокойно", "Вежливые сотрудники у окна", "Сотрудники знают своё дело",
        "Внимание к каждому", "Удобные часы работы", "Сотрудники заботятся о вас",
        "Думают о ваших интересах", "Понимают, что вам нужно"],
}
BLOCK = {"en": ("Expectations", "Perceptions"), "es": ("Expectativas", "Percepciones"),
         "pt": ("Expectativas", "Percepções"), "ru": ("Ожидания", "Восприятие"),
         "de": ("Erwartungen", "Wahrnehmungen")}
SEGMENT = {"en": ("Branch", ["North", "Centre", "Harbour"]), "es": ("Sucursal", ["Norte", "Centro", "Puerto"]),
           "pt": ("Filial", ["Norte", "Centro", "Porto"]), "ru": ("Канал", ["Офис", "Телефон", "Сайт"])}
DONT_KNOW = {"en": "Don't know", "es": "No sé", "pt": "Não sei", "ru": "Не знаю", "de": "Weiß nicht"}
# Own agreement wording, 1 to 5.
AGREE5 = {"en": ["Disagree strongly", "Rather disagree", "Undecided", "Rather agree", "Agree strongly"],
          "es": ["Muy en desacuerdo", "Algo en desacuerdo", "Indeciso", "Algo de acuerdo", "Muy de acuerdo"],
          "pt": ["Discordo muito", "Discordo um pouco", "Indeciso", "Concordo um pouco", "Concordo muito"],
          "de": ["Stimme gar nicht zu", "Stimme eher nicht zu", "Teils, teils", "Stimme eher zu", "Stimme voll zu"],
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
    """Write rows as the tool would: its delimiter, quoting, line ends, encoding and BOM."""
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
        # One column per measure the export supplies, in the order E, P, A, D.
        supplied = {m for m, _ in truth[0]}
        measures = [m for m in ("E", "P", "A", "D") if m in supplied]
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
        # The same truth, long and free of any column convention, where the
        # canonical columns cannot hold it (item-level importance).
        if importable:
            self.cases.append(self.case(name, ext, layout, lang, importable, drop_ids, note, None))
            return
        long_rows = [["respondent_id", "item", "measure", "value"]]
        for rid, ans in zip(ids, truth):
            for (m, k), v in sorted(ans.items(), key=lambda t: (t[0][1], t[0][0])):
                long_rows.append([rid, "q%d" % (k + 1), {"I": "importance"}.get(m, m), "" if v is None else v])
        write_csv(os.path.join(self.out, "expected", name + ".long.csv"), long_rows)
        self.cases.append(self.case(name, ext, layout, lang, importable, drop_ids, note,
                                    "expected/%s.long.csv" % name))

    @staticmethod
    def case(name, ext, layout, lang, importable, drop_ids, note, truth):
        return {"export": name + ext, "layout": layout, "lang": lang, "map": "maps/%s.json" % name,
                "expected": "expected/%s.csv" % name, "truth": truth, "importable_today": importable,
                "drop_ids": list(drop_ids), "note": note}


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


PLAIN = {"E01": (lambda k: "E%02d" % k, lambda k: "P%02d" % k),
         "exp": (lambda k: "exp_%d" % k, lambda k: "perc_%d" % k),
         "Q3Q4": (lambda k: "Q3_%d" % k, lambda k: "Q4_%d" % k)}


def plain(c, style, lang, n_items, n_resp, opts):
    """Plain column names; Q3_k/Q4_k carry a second row of labels that names the blocks."""
    name = "plain-%s-%s" % (style, lang)
    r, truth = true_answers(name, n_resp, n_items, (1, 7), "EP")
    fe, fp = PLAIN[style]
    seg = SEGMENT[lang][0]
    header = [["id", seg] + [fe(k + 1) for k in range(n_items)] + [fp(k + 1) for k in range(n_items)]]
    mapdoc = {"dialect": "generic", "id": "id", "segments": [seg], "na": [99],
              "columns": [{"column": fe(k + 1), "item": "q%d" % (k + 1), "measure": "E"} for k in range(n_items)]
                         + [{"column": fp(k + 1), "item": "q%d" % (k + 1), "measure": "P"} for k in range(n_items)]}
    if style == "Q3Q4":
        e, p = BLOCK[lang]
        header.append(["id", seg] + ["%s: %s" % (e, ITEMS[lang][k]) for k in range(n_items)]
                      + ["%s: %s" % (p, ITEMS[lang][k]) for k in range(n_items)])
        # In the generic dialect the last header row names the columns.
        mapdoc["header_rows"] = 2
        mapdoc["columns"] = ([{"column": h, "item": "q%d" % (k + 1), "measure": "E"} for k, h in enumerate(header[1][2:2 + n_items])]
                             + [{"column": h, "item": "q%d" % (k + 1), "measure": "P"} for k, h in enumerate(header[1][2 + n_items:])])
    if opts.get("delimiter") == ";":
        mapdoc["delimiter"] = ";"
    if opts.get("encoding"):
        mapdoc["encoding"] = opts["encoding"]
    segs = segments(r, lang, n_resp)
    weighted = opts.get("delimiter") == ";"
    weights = [r.choice(["0.75", "1", "1.25", "1.5", "2.125"]) for _ in range(n_resp)]
    data, ids = [], []
    for i, ans in enumerate(truth):
        rid = "%s-%03d" % (lang.upper(), i + 1)
        show = lambda v: ("99" if r.random() < 0.5 else "") if v is None else str(v)
        data.append([rid, segs[i]] + [show(ans[("E", k)]) for k in range(n_items)]
                    + [show(ans[("P", k)]) for k in range(n_items)] + ([weights[i].replace(".", ",")] if weighted else []))
        ids.append(rid)
    extra = [(seg, segs)]
    if weighted:
        header[0].append("peso")
        mapdoc.update({"decimal": ",", "weight": "peso"})
        extra.append(("weight", weights))
    c.emit(name, "plain", lang, header, data, instrument("zc-%s-%s" % (style.lower(), lang), n_items, (1, 7), lang=lang),
           mapdoc, truth, ids, extra, write_opts=opts)


def adp(c, lang, n_resp):
    """The three-column format of 1994, A01/D01/P01 for the 22 items of SERVQUAL-22."""
    name = "adp-%s" % lang
    r, truth = true_answers(name, n_resp, 22, (1, 7), "ADP")
    header = [["id"] + sum([["A%02d" % k, "D%02d" % k, "P%02d" % k] for k in range(1, 23)], [])]
    data, ids = [], []
    for i, ans in enumerate(truth):
        ids.append("%d" % (1001 + i))
        data.append([ids[-1]] + sum([[cell(ans[(m, k)], lang, None, r) for m in "ADP"] for k in range(22)], []))
    inst = instrument("zc-adp-" + lang, 22, (1, 7), measures=("E", "P", "A", "D"), lang=lang)
    mapdoc = {"dialect": "generic", "id": "id", "labels": {DONT_KNOW[lang]: None},
              "columns": [{"match": "^%s0?([0-9]+)$" % m, "item": "q$1", "measure": m} for m in "ADP"]}
    c.emit(name, "adp", lang, header, data, inst, mapdoc, truth, ids, [],
           note="imports with this map and its instrument (E, P, A, D); without them: "
                "servq-import: '%s.csv': line 1: column 'A01': instrument 'servqual22' has no A (adequate) measure" % name)


SERVPERF_STEM = {"en": "The service centre", "es": "El centro", "pt": "O centro", "ru": "Центр"}


def servperf(c, lang, n_items, n_resp, opts):
    """Perception only: one column per item, the item's text as its header, labels as answers."""
    name = "servperf-%s" % lang
    r, truth = true_answers(name, n_resp, n_items, (1, 5), "P")
    header = [[TIMESTAMP[lang] if lang != "en" else "Submitted"] + ["%s: %s" % (SERVPERF_STEM[lang], ITEMS[lang][k])
                                                                     for k in range(n_items)]]
    data, ids, dates = [], [], []
    for i, ans in enumerate(truth):
        dates.append("2026-07-%02d" % (1 + i % 28))
        data.append([dates[-1]] + [cell(ans[("P", k)], lang, AGREE5[lang], r) for k in range(n_items)])
        ids.append("L%d" % (i + 2))
    lab = {t: i + 1 for i, t in enumerate(AGREE5[lang])}
    lab[DONT_KNOW[lang]] = None
    mapdoc = {"dialect": "generic", "labels": lab, "date": header[0][0],
              "columns": [{"column": h, "item": "q%d" % (k + 1), "measure": "P"} for k, h in enumerate(header[0][1:])]}
    c.emit(name, "servperf", lang, header, data,
           instrument("zc-servperf-" + lang, n_items, (1, 5), measures=("P",), lang=lang), mapdoc, truth, ids,
           [("date", dates)], write_opts=opts)


IMPORTANCE = {"en": "%s - Importance", "es": "%s - Importancia", "pt": "%s [Importância]", "ru": "%s — важность"}


def importance(c, lang, n_items, n_resp):
    """Item-level importance: an item's rating beside its importance rating."""
    name = "importance-%s" % lang
    r, truth = true_answers(name, n_resp, n_items, (1, 5), "PI")
    header = [["id"] + sum([[ITEMS[lang][k], IMPORTANCE[lang] % ITEMS[lang][k]] for k in range(n_items)], [])]
    data, ids = [], []
    for i, ans in enumerate(truth):
        ids.append("%d" % (i + 1))
        data.append([ids[-1]] + sum([[cell(ans[(m, k)], lang, None, r) for m in "PI"] for k in range(n_items)], []))
    mapdoc = {"dialect": "generic", "id": "id", "labels": {DONT_KNOW[lang]: None},
              "columns": [{"column": ITEMS[lang][k], "item": "q%d" % (k + 1), "measure": "P"} for k in range(n_items)]}
    c.emit(name, "importance", lang, header, data,
           instrument("zc-importance-" + lang, n_items, (1, 5), measures=("P",), lang=lang), mapdoc, truth, ids, [],
           importable=False,
           note="no map rule gives an item its importance rating: \"importance\" names a dimension's points; "
                "expected/%s.long.csv holds the truth with measure 'importance'" % name)


def near_misses(out):
    """Exports that zero-configuration import must refuse; README.md says how."""
    d = os.path.join(out, "near-miss")
    os.makedirs(d, exist_ok=True)
    r = rng_for("near-miss")
    def answers(n):
        return [str(r.randint(1, 5)) for _ in range(n)]
    # 1. Items with no pair: three E items have no P twin.
    head = ["Timestamp"] + ["Expectations [%s]" % t for t in ITEMS["en"][:8]] + ["Perceptions [%s]" % t for t in ITEMS["en"][:5]]
    write_csv(os.path.join(d, "unpaired-items-en.csv"),
              [head] + [["3/%d/2026 10:00:00" % (i + 1)] + answers(13) for i in range(20)])
    # 2. Two scales in one block: items 1-4 on 1-5 words, items 5-8 on 0-10 numbers.
    head = ["Marca temporal"] + ["Expectativas [%s]" % t for t in ITEMS["es"][:8]] + ["Percepciones [%s]" % t for t in ITEMS["es"][:8]]
    rows = [head]
    for i in range(20):
        row = ["%d/3/2026 10:00:00" % (i + 1)]
        for _ in range(2):
            row += [AGREE5["es"][r.randint(0, 4)] for _ in range(4)] + [str(r.randint(0, 10)) for _ in range(4)]
        rows.append(row)
    write_csv(os.path.join(d, "two-scales-es.csv"), rows)
    # 3. A block word inside a perception item's text, in three languages.
    for lang, item, word in (("pt", "Atende às minhas expectativas", "expectativas"),
                             ("en", "Meets my expectations", "expectations"),
                             ("ru", "Оправдывает мои ожидания", "ожидания")):
        e, p = BLOCK[lang]
        texts = ITEMS[lang][:4] + [item]
        head = [TIMESTAMP[lang]] + ["%s [%s]" % (e, t) for t in ITEMS[lang][:4]] + ["%s [%s]" % (p, t) for t in texts]
        write_csv(os.path.join(d, "block-word-in-item-%s.csv" % lang),
                  [head] + [["2026-03-%02d 10:00:00" % (i + 1)] + answers(9) for i in range(18)])
    # 4. Numeric columns that are not ratings: age, an id, a year, a 0-100 price.
    head = ["customer_id", "age", "year_joined", "price_paid"] + ["E%02d" % k for k in range(1, 6)] + ["P%02d" % k for k in range(1, 6)]
    write_csv(os.path.join(d, "numeric-not-ratings-en.csv"),
              [head] + [[str(10000 + i), str(r.randint(18, 80)), str(r.randint(1995, 2025)), str(r.randint(0, 100))]
                        + answers(10) for i in range(25)])
    # 5. Half a survey: the E block for items 1-8, the P block for items 1-3 only.
    head = ["id", "Sucursal"] + ["exp_%d" % k for k in range(1, 9)] + ["perc_%d" % k for k in range(1, 4)]
    write_csv(os.path.join(d, "half-survey-es.csv"),
              [head] + [[str(i + 1), r.choice(SEGMENT["es"][1])] + answers(11) for i in range(22)])


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
    limesurvey(c, "de", 8, 32, {"quoting": csv.QUOTE_ALL, "delimiter": ";", "bom": True}, True)
    for style, sizes in (("E01", (22, 5, 8, 22)), ("exp", (8, 22, 5, 8)), ("Q3Q4", (5, 8, 22, 5))):
        for lang, n in zip(LANGS, sizes):
            opts = {}
            if style == "E01" and lang == "es":
                opts = {"delimiter": ";", "newline": "\r\n", "encoding": "cp1252"}
            plain(c, style, lang, n, 15 + 7 * (n % 6) + len(lang) * 3, opts)
    for lang in LANGS:
        adp(c, lang, 20 + LANGS.index(lang) * 5)
    for lang, n in zip(LANGS, (8, 5, 22, 8)):
        servperf(c, lang, n, 30 + n, {"newline": "\r\n"} if lang == "pt" else {})
    for lang, n in zip(LANGS, (5, 8, 5, 8)):
        importance(c, lang, n, 25)
    near_misses(out)
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"cases": c.cases}, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
