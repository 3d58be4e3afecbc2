"""Fails unless every block marked <!-- readme:NAME --> in .ci/consumer/pom.xml appears, line for
line (indentation aside), in the README's "Use it in your project" section: the README shows what
.ci/consumer-check builds."""
import re
import sys

pom = open(sys.argv[1], encoding="utf-8").read()
readme = open(sys.argv[2], encoding="utf-8").read()
start = readme.index("## Use it in your project")
section = readme[start:readme.index("\n## ", start + 1)]
section_lines = [l.strip() for l in section.splitlines() if l.strip()]


def contains(haystack, needle):
    return any(haystack[i:i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


names = re.findall(r"<!-- readme:(\w+) -->", pom)
if not names:
    sys.exit("no readme blocks in " + sys.argv[1])
for name in names:
    body = pom.split("<!-- readme:%s -->" % name)[1].split("<!-- /readme:%s -->" % name)[0]
    lines = [l.strip() for l in body.splitlines() if l.strip()]
    if not contains(section_lines, lines):
        sys.exit("README's 'Use it in your project' does not show the pom's block '%s':\n%s" % (name, body))
print("readme blocks: %d found in the README: %s" % (len(names), ", ".join(names)))
