"""A symbolic link in a template folder cannot include a file outside it."""
import os

import pytest

from reportgen.errors import TemplateError
from reportgen.templating import make_environment, render_template


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this system")
def test_symlink_out_of_the_template_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret", encoding="utf-8")
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "evil.md.j2").symlink_to(secret)
    (folder / "main.md.j2").write_text("# 标题\n\n{% include 'evil.md.j2' %}\n", encoding="utf-8")
    env = make_environment([folder])
    with pytest.raises(TemplateError) as err:
        render_template(env, "main.md.j2", {})
    assert "top secret" not in str(err.value)
    inside = folder / "part.md.j2"
    inside.write_text("正文", encoding="utf-8")
    (folder / "link.md.j2").symlink_to(inside)  # a link that stays inside is fine
    (folder / "ok.md.j2").write_text("{% include 'link.md.j2' %}", encoding="utf-8")
    assert render_template(env, "ok.md.j2", {}) == "正文"
