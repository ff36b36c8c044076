import { CARE_CATEGORIES, KEY_PERSONNEL_CATEGORIES } from '../vocabulary.js';
import { graphqlEnum } from '@civic/subgraph-kit';

export const CareCategory = graphqlEnum(CARE_CATEGORIES, 'CareCategory', 'Why a resident receives special care.');
export const KeyPersonnelCategory = graphqlEnum(
  KEY_PERSONNEL_CATEGORIES,
  'KeyPersonnelCategory',
  'Why a resident is under supervision as key personnel.',
);
export const Gender = graphqlEnum(['MALE', 'FEMALE'] as const, 'Gender', 'Gender as recorded on the ID card.');
