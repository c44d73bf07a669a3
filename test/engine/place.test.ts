import { describe, expect, it } from 'vitest';
import { findServices } from '../../src/conversation/directory-from-data.js';
import type { DirectoryEntry } from '../../src/conversation/ports.js';
import { foldPlace, matchesPlace, placeNames, toLatin } from '../../src/engine/place.js';

describe('place names across scripts', () => {
  it('reads Serbian Cyrillic as Serbian Latin, digraphs included', () => {
    expect(toLatin('Брчко')).toBe('brčko');
    expect(toLatin('Љубовија, Његовађа, Џеп, Ђаковица, Ћуприја')).toBe('ljubovija, njegovadja, džep, djakovica, ćuprija');
    expect(toLatin('Sarajevo')).toBe('sarajevo');
  });

  it('folds scripts and diacritics to one spelling', () => {
    for (const spelling of ['Brčko', 'Brcko', 'BRČKO', 'Брчко', 'брчко', ' Brčko! ']) expect(foldPlace(spelling)).toBe('brcko');
    expect(foldPlace('Живинице')).toBe(foldPlace('Zivinice'));
    expect(foldPlace('Đakovica')).toBe('djakovica');
    expect(foldPlace('Ђаковица')).toBe('djakovica');
    expect(foldPlace('Djakovica')).toBe('djakovica');
    expect(foldPlace('Нови Сад')).toBe('novi sad');
  });

  it.each([
    ['Брчко', 'Brčko'],
    ['Brcko', 'Brčko'],
    ['Brčko distrikt', 'Brčko'],
    ['Brčko Distrikt BiH', 'Brčko'],
    ['Brčko', 'Brčko distrikt'],
    ['Брчко дистрикт', 'Brčko'],
    ['Београд', 'Beograd'],
    ['u Beogradu', 'Beograd'],
    ['Grad Beograd', 'Beograd'],
    ['Бијељина', 'Bijeljina'],
    ['Bijeljini', 'Bijeljina'],
    ['zivinice', 'Živinice'],
    ['Нови Сад', 'Novi Sad'],
    ['u Novom Sadu', 'Novi Sad'],
    ['Živinicama', 'Živinice'],
  ])('"%s" finds %s', (typed, place) => {
    expect(matchesPlace(typed, [place])).toBe(true);
  });

  it.each([
    ['Sarajevo', 'Beograd'],
    ['Novi Pazar', 'Novi Sad'],
    ['Bar', 'Bari'],
    ['B', 'Beograd'],
    ['', 'Beograd'],
    ['Beogradska', 'Beograd'],
    ['Zvornik', 'Živinice'],
  ])('"%s" does not find %s', (typed, place) => {
    expect(matchesPlace(typed, [place])).toBe(false);
  });

  it('uses aliases: Belgrade finds Beograd only where the data names it', () => {
    expect(matchesPlace('Belgrade', ['Beograd'])).toBe(false);
    expect(placeNames('Beograd / Belgrade | Београд')).toEqual(['Beograd', 'Belgrade', 'Београд']);
    for (const typed of ['Belgrade', 'Beograd', 'Београд', 'beograd']) {
      expect(matchesPlace(typed, placeNames('Beograd / Belgrade'))).toBe(true);
    }
  });
});

describe('findServices', () => {
  const entry = (place: string | null, name: string, country = 'BA'): DirectoryEntry => ({
    country, place, name, topic: 'other', what: name, contact: '',
  });
  const entries = [
    entry(null, 'country-wide'),
    entry('Brčko', 'Brčko info point'),
    entry('Bijeljina', 'Bijeljina info point'),
    entry('Beograd / Belgrade', 'Belgrade airport', 'RS'),
    entry(null, 'Serbia-wide', 'RS'),
  ];
  const names = (country: string, place: string | null) => findServices(entries, country, place).map((e) => e.name);

  it('lists the place first, then the country, whatever the script', () => {
    expect(names('BA', 'Brčko distrikt')).toEqual(['Brčko info point', 'country-wide']);
    expect(names('BA', 'Брчко')).toEqual(['Brčko info point', 'country-wide']);
    expect(names('RS', 'Београд')).toEqual(['Belgrade airport', 'Serbia-wide']);
    expect(names('RS', 'Belgrade')).toEqual(['Belgrade airport', 'Serbia-wide']);
  });

  it('keeps to the country and shows only country-wide services for an unknown place', () => {
    expect(names('BA', 'Tuzla')).toEqual(['country-wide']);
    expect(names('RS', 'Brčko')).toEqual(['Serbia-wide']);
    expect(names('BA', null)).toEqual(['country-wide', 'Brčko info point', 'Bijeljina info point']);
  });
});
