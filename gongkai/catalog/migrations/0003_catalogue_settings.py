import django.db.models.deletion
from django.db import migrations, models

import gongkai.catalog.index_numbers


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0002_category_number_range'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='CatalogueSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('institution_code', models.CharField(blank=True, help_text='学校标识码或学校代码，用作索引号的第一段，如 10999。', max_length=20, verbose_name='机构代码')),
                ('index_pattern', models.CharField(default='{机构代码}-{分类号}-{年份}-{流水号}', help_text='可用项目：{机构代码}、{分类号}（类别和清单事项各两位，如 0319）、{年份}（首次发布的年份）、{流水号}（每年从 1 起编，默认 4 位，{流水号:5} 为 5 位）。必须含{年份}和{流水号}。修改只影响此后发布的信息，已有的索引号不变。', max_length=60, validators=[gongkai.catalog.index_numbers.validate_index_pattern], verbose_name='索引号格式')),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': '信息公开目录设置',
            },
        ),
    ]
