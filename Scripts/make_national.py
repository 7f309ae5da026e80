#!/usr/bin/env python3
"""Generates the national benchmark data set for `make bench`, from a seed, cached.

    make_national.py OUT_DIR [--seed N] [--units N] [--provinces N] [--export]

One registry for the whole country (one Bộ-level SO standing for the consolidating body, 34
provinces' worth of district offices and communes, schools and centres across all five levels)
and its returns: one CSV per managing unit under OUT_DIR/csv/ and the same rows as XLSX (one
workbook per province, written by XlsxWriter in constant-memory mode) under OUT_DIR/xlsx/.
A marker file records the seed and size; a second call with the same ones does nothing.
"""
import csv, io, os, random, sys

VERSION = 3
LEVELS = ["MN", "TH", "THCS", "THPT", "GDTX"]
COLUMNS = ["unit_code", "period", "level", "students", "staff", "managers_teachers", "staff_esign", "staff_trained",
           "classes", "computer_labs", "pcs_teaching", "periods_planned", "periods_online", "fee_payers",
           "fee_payers_cashless", "cashless", "fiber", "sis_modules", "digital_records", "cds_level", "inspected"]
PERIOD = "2024-2025/HK1"

def main():
    out = sys.argv[1]
    seed = int(arg("--seed", "20250120"))
    target = int(arg("--units", "50000"))
    provinces = int(arg("--provinces", "34"))
    marker = os.path.join(out, "MARKER")
    stamp = f"version={VERSION} seed={seed} units={target} provinces={provinces} export={'--export' in sys.argv}\n"
    if os.path.exists(marker) and open(marker).read() == stamp:
        print(f"bench data cached in {out}")
        return
    rng = random.Random(seed)
    import shutil
    for sub in ("csv", "xlsx"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    os.makedirs(os.path.join(out, "csv"), exist_ok=True)
    os.makedirs(os.path.join(out, "xlsx"), exist_ok=True)
    units = [("00", "Sở Giáo dục và Đào tạo (tổng hợp toàn quốc)", "SO", "", "")]
    per_province = target // provinces + 1
    returns = {}          # managing code -> rows
    province_of = {}
    count = 0
    for p in range(1, provinces + 1):
        districts = rng.randint(14, 30)
        per_district = per_province // districts + 1
        for d in range(1, districts + 1):
            mcode = f"{p:02d}{d:03d}"
            kind = "XA" if p % 2 == 0 else "PHONG"
            name = (f"UBND xã Số {d} tỉnh {p}" if kind == "XA" else f"Phòng Giáo dục và Đào tạo Huyện {d} tỉnh {p}")
            units.append((mcode, name, kind, "", "00"))
            province_of[mcode] = p
            for s in range(1, per_district + 1):
                if count >= target:
                    break
                r = rng.random()
                levels = ["MN"] if r < .33 else ["TH"] if r < .63 else ["THCS"] if r < .86 else ["TH", "THCS"] if r < .93 \
                    else ["THPT"] if r < .975 else ["THCS", "THPT"] if r < .985 else ["GDTX"]
                code = f"{mcode}{s:04d}"
                kindu = "TRUNGTAM" if levels == ["GDTX"] else "TRUONG"
                units.append((code, f"Trường số {s} {mcode}", kindu, ";".join(levels), mcode))
                count += 1
                if rng.random() < 0.02:
                    continue  # did not submit
                shared = unit_fields(rng)
                for level in levels:
                    returns.setdefault(mcode, []).append(row(rng, code, level, shared))
    with open(os.path.join(out, "units.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["unit_code", "name", "kind", "levels", "parent_code", "locality"])
        for u in units:
            w.writerow(list(u) + [""])
    for mcode, rows in returns.items():
        with open(os.path.join(out, "csv", f"nop_{mcode}.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(COLUMNS)
            w.writerows(rows)
    write_xlsx(out, returns, province_of)
    if "--export" in sys.argv:
        write_export(out, units, rng)
    with open(marker, "w") as f:
        f.write(stamp)
    print(f"generated {count} units, {sum(len(r) for r in returns.values())} rows in {out}")

def unit_fields(rng):
    """The per-unit fields (CONTRACT §3): one value for the whole school, on each of its level rows."""
    yes = lambda p: "Có" if rng.random() < p else "Không"
    return {"cashless": yes(.85), "fiber": yes(.9), "sis": rng.randint(2, 5), "records": yes(.7), "cds": rng.randint(1, 3),
            "inspected": yes(.3)}

def row(rng, code, level, shared):
    students = rng.randint(80, 1500)
    classes = max(1, students // rng.randint(25, 45))
    staff = max(3, students // rng.randint(15, 25))
    mt = max(1, int(staff * rng.uniform(.8, .95)))
    esign = int(mt * rng.uniform(.5, 1))
    trained = int(staff * rng.uniform(.5, 1))
    fee = int(students * rng.uniform(.85, 1))
    cashless_payers = int(fee * rng.uniform(.6, 1))
    has_pc = level != "MN"
    labs = rng.randint(1, 3) if has_pc else ""
    pcs = labs * rng.randint(10, 40) if has_pc else ""
    online = level in ("THCS", "THPT", "GDTX")
    planned = rng.randint(3000, 9000) if online else ""
    online_n = int(planned * rng.uniform(.04, .16)) if online else ""
    return [code, PERIOD, level, students, staff, mt, esign, trained, classes, labs, pcs, planned, online_n, fee,
            cashless_payers, shared["cashless"], shared["fiber"], shared["sis"],
            shared["records"] if level in ("TH", "THCS", "THPT") else "", shared["cds"] if level != "MN" else "", shared["inspected"]]

def write_xlsx(out, returns, province_of):
    import xlsxwriter
    by_province = {}
    for mcode, rows in returns.items():
        by_province.setdefault(province_of[mcode], []).extend(rows)
    for p, rows in sorted(by_province.items()):
        wb = xlsxwriter.Workbook(os.path.join(out, "xlsx", f"tinh_{p:02d}.xlsx"), {"constant_memory": True})
        ws = wb.add_worksheet("Báo cáo")
        ws.write_row(0, 0, COLUMNS)
        for i, r in enumerate(rows, start=1):
            for j, v in enumerate(r):
                if v == "":
                    continue
                if isinstance(v, int):
                    ws.write_number(i, j, v)
                else:
                    ws.write_string(i, j, v)
        wb.close()

def write_export(out, units, rng):
    """The registry as the sector database's school-list export (CONTRACT §2a), for timing its
    reader: a title block, the school sheet, and DM ĐƠN VỊ with the Sở and managing units."""
    import xlsxwriter
    digits = {"TH": "1", "THCS": "2", "THPT": "3", "MN": "5", "GDTX": "6"}
    wb = xlsxwriter.Workbook(os.path.join(out, "danh-sach-truong.xlsx"), {"constant_memory": True})
    ws = wb.add_worksheet("Danh sách trường")
    ws.write_row(0, 0, ["BỘ GIÁO DỤC VÀ ĐÀO TẠO"])
    ws.write_row(1, 0, ["DANH SÁCH TRƯỜNG HỌC"])
    header = ["STT", "MA_TRUONG *", "TEN_TRUONG_HOC *", "MA_DON_VI", "CAP_HOC", "TRANG_THAI", "MA_TINH_THANH", "MA_QUAN_HUYEN", "DIA_CHI"]
    ws.write_row(3, 0, header)
    so = units[0][0]
    row = 4
    for code, name, kind, levels, parent, *_ in units:
        if kind not in ("TRUONG", "TRUNGTAM"):
            continue
        cap = "".join(sorted(digits[level] for level in levels.split(";")))
        ws.write_row(row, 0, [row - 3, code, name, parent, cap, 1, so, parent, "Địa chỉ " + code])
        row += 1
    dm = wb.add_worksheet("DM ĐƠN VỊ")
    dm.write_row(0, 0, ["Mã Đơn Vị", "Tên Đơn Vị", "Mã đơn vị cha"])
    r = 1
    for code, name, kind, levels, parent, *_ in units:
        if kind in ("SO", "PHONG", "XA"):
            dm.write_row(r, 0, [code, name, parent])
            r += 1
    wb.close()

def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default

if __name__ == "__main__":
    main()
