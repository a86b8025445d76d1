#!/usr/bin/env python3
"""Writes a C file that defines a byte array holding a file's contents.

usage: embed.py INPUT OUTPUT SYMBOL
"""
import sys


def main():
    src, dst, sym = sys.argv[1:4]
    data = open(src, "rb").read()
    with open(dst, "w", encoding="ascii") as out:
        out.write("/* Generated from %s by tools/embed.py; do not edit. */\n" % src.split("/")[-1])
        out.write("#include <stddef.h>\n\n")
        out.write("extern const char %s[];\nextern const size_t %s_len;\n\n" % (sym, sym))
        out.write("const char %s[] = {\n" % sym)
        for i in range(0, len(data), 16):
            out.write("    " + ", ".join("%d" % (b - 256 if b > 127 else b) for b in data[i:i + 16]) + ",\n")
        out.write("    0\n};\n")
        out.write("const size_t %s_len = %d;\n" % (sym, len(data)))


if __name__ == "__main__":
    main()
